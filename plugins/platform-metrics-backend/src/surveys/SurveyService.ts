import {
  CurrentSurvey,
  SurveyComments,
} from '@platform-metrics/plugin-platform-metrics-common';
import { CatalogStore } from '../database/CatalogStore';
import { SurveyStore } from '../database/SurveyStore';
import { PlatformMetricsSettings } from '../config';
import { Clock, DAY } from '../lib/time';
import { SurveyResponseInput } from '../schema/validation';
import { categorise, rankCategories } from './comments';
import { surveyIdAt } from './surveyIds';

/** Comments of one group are shown only from this many responses (metrics.md §8). */
const MIN_GROUP_COMMENTS = 10;

/** The developer NPS survey: one answer per user per survey. */
export class SurveyService {
  constructor(
    private readonly stores: { surveys: SurveyStore; catalog: CatalogStore },
    private readonly settings: PlatformMetricsSettings['survey'],
    private readonly clock: Clock = Date.now,
  ) {}

  currentSurveyId(): string {
    return surveyIdAt(this.clock(), this.settings.cadence);
  }

  async getCurrent(userRef: string): Promise<CurrentSurvey> {
    const surveyId = this.currentSurveyId();
    const [response, snoozedUntil] = await Promise.all([
      this.stores.surveys.getSurveyResponse(surveyId, userRef),
      this.stores.surveys.getSnooze(surveyId, userRef),
    ]);
    return {
      surveyId,
      question: this.settings.question,
      followUpQuestion: this.settings.followUpQuestion,
      answered: !!response,
      response: response ? { score: response.score, comment: response.comment } : null,
      snoozedUntil:
        snoozedUntil !== undefined && snoozedUntil > this.clock() ? new Date(snoozedUntil).toISOString() : null,
    };
  }

  async respond(userRef: string, input: SurveyResponseInput): Promise<{ surveyId: string }> {
    const surveyId = this.currentSurveyId();
    const groups = await this.stores.catalog.groupsOfUser(userRef);
    const comment = input.comment?.trim();
    await this.stores.surveys.upsertSurveyResponse({
      surveyId,
      userRef,
      score: input.score,
      comment: comment ? comment : null,
      submittedAt: this.clock(),
      groups,
    });
    return { surveyId };
  }

  async snooze(userRef: string): Promise<{ snoozedUntil: string }> {
    const until = this.clock() + this.settings.snoozeDays * DAY;
    await this.stores.surveys.setSnooze(this.currentSurveyId(), userRef, until);
    return { snoozedUntil: new Date(until).toISOString() };
  }

  /**
   * Comments of a survey without identity, sorted into categories. Per
   * group only when the group has at least 10 responses.
   */
  async comments(surveyId: string, group?: string): Promise<SurveyComments> {
    const responses = (
      await this.stores.surveys.listSurveyResponses({ surveyIds: [surveyId], submittedBefore: Number.MAX_SAFE_INTEGER })
    ).filter(r => !group || r.groups.includes(group));
    const hidden = !!group && responses.length < MIN_GROUP_COMMENTS;
    const comments = hidden
      ? []
      : responses
          .filter(r => r.comment)
          .map(r => ({
            comment: r.comment!,
            categories: categorise(r.comment!, this.settings.commentCategories),
            score: r.score,
          }))
          // no order that could reveal who wrote what (e.g. submission time)
          .sort((a, b) => a.comment.localeCompare(b.comment));
    return {
      surveyId,
      group: group ?? null,
      n: responses.length,
      categories: rankCategories(comments.map(c => c.categories)),
      comments,
    };
  }
}
