import {
  CurrentSurvey,
  ImportedSurveyResponse,
  IngestResult,
  SurveyComments,
  SurveyResponseInput,
} from '@platform-metrics/plugin-platform-metrics-common';
import { MetricsStore } from '../database/MetricsStore';
import { PlatformMetricsOptions } from '../options';
import { categorise, rankCategories, surveyIdAt } from './surveys';

const DAY = 86_400_000;
/** Comments of one group are shown only from this many responses (metrics.md §8). */
const MIN_GROUP_COMMENTS = 10;

/** The developer NPS survey: one answer per user per survey. */
export class SurveyService {
  constructor(
    private readonly store: MetricsStore,
    private readonly options: PlatformMetricsOptions['survey'],
    private readonly clock: () => number = Date.now,
  ) {}

  currentSurveyId(): string {
    return surveyIdAt(this.clock(), this.options.cadence);
  }

  async getCurrent(userRef: string): Promise<CurrentSurvey> {
    const surveyId = this.currentSurveyId();
    const [response, snoozedUntil] = await Promise.all([
      this.store.getSurveyResponse(surveyId, userRef),
      this.store.getSnooze(surveyId, userRef),
    ]);
    return {
      surveyId,
      question: this.options.question,
      followUpQuestion: this.options.followUpQuestion,
      answered: !!response,
      response: response ? { score: response.score, comment: response.comment } : null,
      snoozedUntil:
        snoozedUntil !== undefined && snoozedUntil > this.clock()
          ? new Date(snoozedUntil).toISOString()
          : null,
    };
  }

  async respond(userRef: string, input: SurveyResponseInput): Promise<{ surveyId: string }> {
    const surveyId = this.currentSurveyId();
    const groups = await this.store.groupsOfUser(userRef);
    const comment = input.comment?.trim();
    await this.store.upsertSurveyResponse({
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
    const until = this.clock() + this.options.snoozeDays * DAY;
    await this.store.setSnooze(this.currentSurveyId(), userRef, until);
    return { snoozedUntil: new Date(until).toISOString() };
  }

  async importResponses(rows: ImportedSurveyResponse[]): Promise<IngestResult> {
    const groups = await this.store.groupsOfUsers([...new Set(rows.map(r => r.userRef))]);
    return this.store.importSurveyResponses(rows, u => groups.get(u) ?? []);
  }

  /**
   * Comments of a survey without identity, sorted into categories. Per
   * group only when the group has at least 10 responses.
   */
  async comments(surveyId: string, group?: string): Promise<SurveyComments> {
    const responses = (
      await this.store.listSurveyResponses({ surveyIds: [surveyId], submittedBefore: Number.MAX_SAFE_INTEGER })
    ).filter(r => !group || r.groups.includes(group));
    const hidden = !!group && responses.length < MIN_GROUP_COMMENTS;
    const comments = hidden
      ? []
      : responses
          .filter(r => r.comment)
          .map(r => ({
            comment: r.comment!,
            categories: categorise(r.comment!, this.options.commentCategories),
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
