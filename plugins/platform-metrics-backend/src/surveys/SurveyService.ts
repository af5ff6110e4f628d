import { NotFoundError } from '@backstage/errors';
import {
  CurrentSurvey,
  SurveyComments,
  SurveyQuestionAnswerResult,
  SurveyQuestionResults,
} from '@platform-metrics/plugin-platform-metrics-common';
import { PlatformMetricsSettings } from '../config';
import { CatalogStore } from '../database/CatalogStore';
import { PublicationStore } from '../database/PublicationStore';
import { SurveyStore } from '../database/SurveyStore';
import { Clock, DAY } from '../lib/time';
import { publishedFigure } from '../metrics/nps';
import { SurveyResponseInput } from '../schema/validation';
import { commentMinimum, withheld } from './anonymity';
import { categorise, rankCategories } from './comments';
import { Pseudonymise, pseudonymiser } from './pseudonym';
import { questionResultsOf } from './questionResults';
import { surveyIdAt } from './surveyIds';

type SurveySettings = PlatformMetricsSettings['survey'];

/**
 * The developer NPS survey: one answer per person per survey, stored under
 * the person's pseudonym; the caller sees their own answer, everyone else
 * only the publications (metrics.md §8a).
 */
export class SurveyService {
  private readonly pseudonymise: Pseudonymise;

  constructor(
    private readonly stores: { surveys: SurveyStore; catalog: CatalogStore; publications: PublicationStore },
    private readonly settings: SurveySettings,
    private readonly clock: Clock = Date.now,
  ) {
    this.pseudonymise = pseudonymiser(settings.pseudonymSecret);
  }

  currentSurveyId(): string {
    return surveyIdAt(this.clock(), this.settings.cadence);
  }

  async getCurrent(userRef: string): Promise<CurrentSurvey> {
    const surveyId = this.currentSurveyId();
    const key = this.pseudonymise(userRef);
    const [response, snoozedUntil, answers] = await Promise.all([
      this.stores.surveys.getSurveyResponse(surveyId, key),
      this.stores.surveys.getSnooze(surveyId, key),
      this.stores.surveys.getAnswers(surveyId, key),
    ]);
    const asked = new Set(this.settings.questions.map(q => q.id));
    return {
      surveyId,
      question: this.settings.question,
      followUpQuestion: this.settings.followUpQuestion,
      questions: this.settings.questions.map(q => ({ id: q.id, text: q.text, dimension: q.dimension })),
      // answers to questions no longer asked stay stored, and are not offered back
      answers: Object.fromEntries(Object.entries(answers).filter(([id]) => asked.has(id))),
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
      userKey: this.pseudonymise(userRef),
      score: input.score,
      comment: comment ? comment : null,
      // the store keeps the day only
      submittedAt: this.clock(),
      groups,
      origin: null,
    });
    return { surveyId };
  }

  /** Saves one agreement answer of the caller in the current survey (a question not asked is a 404). */
  async answerQuestion(userRef: string, questionId: string, value: number): Promise<SurveyQuestionAnswerResult> {
    if (!this.settings.questions.some(q => q.id === questionId)) {
      throw new NotFoundError(`The current survey has no question '${questionId}'`);
    }
    const surveyId = this.currentSurveyId();
    await this.stores.surveys.saveAnswer({ surveyId, userKey: this.pseudonymise(userRef), questionId, value, at: this.clock() });
    return { surveyId, questionId, value };
  }

  /**
   * The agreement questions' published results (metrics.md §18) of the
   * survey running at `to`, org-wide or of one reporting group, with their
   * trend over the published surveys.
   */
  async questionResults(to: number, group?: string): Promise<SurveyQuestionResults> {
    // `to` is a midnight: the survey running on the day before it
    const current = surveyIdAt(to - 1, this.settings.cadence);
    const [publications, reporting] = await Promise.all([
      this.stores.publications.asOf({ maxSurveyId: current, to }),
      this.stores.catalog.listGroupsOfTypes(this.settings.reportingGroupTypes),
    ]);
    return questionResultsOf(
      {
        current,
        publications,
        questions: this.settings.questions,
        reportingGroups: new Set(reporting),
        k: this.settings.minGroupSize,
      },
      group,
    );
  }

  async snooze(userRef: string): Promise<{ snoozedUntil: string }> {
    const until = this.clock() + this.settings.snoozeDays * DAY;
    await this.stores.surveys.setSnooze(this.currentSurveyId(), this.pseudonymise(userRef), until);
    return { snoozedUntil: new Date(until).toISOString() };
  }

  /**
   * The comments the survey's latest publication released, without
   * identity and with the score's bucket only, sorted by category, then
   * text. For the org or a reporting group only when its published n is at
   * least kc; a group lists only the comments the publication listed under it.
   */
  async comments(surveyId: string, group?: string): Promise<SurveyComments> {
    const k = this.settings.minGroupSize;
    const kc = commentMinimum(k);
    const [publication, reporting] = await Promise.all([
      this.stores.publications.latest(surveyId),
      group ? this.stores.catalog.listGroupsOfTypes(this.settings.reportingGroupTypes) : Promise.resolve([]),
    ]);
    const figure = publishedFigure({ reportingGroups: new Set(reporting), k }, publication, group);
    const n = figure.counts ? figure.counts.promoters + figure.counts.passives + figure.counts.detractors : null;
    let reason = figure.withheld;
    if (n !== null && n < kc) reason = withheld.fewerThan(kc);
    const released = publication && reason === null ? await this.stores.publications.comments(surveyId, publication.seq) : [];
    const comments = released
      .filter(c => !group || c.groups.includes(group))
      .map(c => ({ comment: c.comment, categories: categorise(c.comment, this.settings.commentCategories), bucket: c.bucket }))
      .sort(byCategoryThenText);
    return {
      surveyId,
      group: group ?? null,
      n,
      withheld: reason,
      asOf: publication ? new Date(publication.asOf).toISOString() : null,
      categories: rankCategories(comments.map(c => c.categories)),
      comments,
    };
  }
}

/** By the name of the first category (uncategorised last), then by text: an order that says nothing of who wrote what. */
function byCategoryThenText(a: { comment: string; categories: string[] }, b: { comment: string; categories: string[] }) {
  const ca = a.categories[0];
  const cb = b.categories[0];
  if (ca !== cb) {
    if (ca === undefined) return 1;
    if (cb === undefined) return -1;
    return ca.localeCompare(cb);
  }
  return a.comment.localeCompare(b.comment);
}
