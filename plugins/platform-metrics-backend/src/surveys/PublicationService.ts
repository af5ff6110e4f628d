import { LoggerService } from '@backstage/backend-plugin-api';
import { PlatformMetricsSettings } from '../config';
import { CatalogStore } from '../database/CatalogStore';
import { PublicationStore, SurveyPublication } from '../database/PublicationStore';
import { SurveyStore } from '../database/SurveyStore';
import { Clock, dayStart } from '../lib/time';
import { PublishedWithEntries, decidePublication, isDue } from './publication';
import { surveyPeriod } from './surveyIds';

/**
 * Publishes survey results in batches (metrics.md §8a). A running survey is
 * published as of the last UTC midnight; a closed one as of the midnight
 * after it closed (so imported history gets publications too). A survey
 * gets a new publication only when at least k people answered, answered
 * again or left since its previous one (or, with no answer changed, its
 * reporting groups changed); otherwise the previous stands.
 * Every read of NPS and comments uses publications only.
 */
export class PublicationService {
  constructor(
    private readonly stores: { surveys: SurveyStore; publications: PublicationStore; catalog: CatalogStore },
    private readonly settings: PlatformMetricsSettings['survey'],
    private readonly logger?: LoggerService,
    private readonly clock: Clock = Date.now,
  ) {}

  /** Publishes every survey that is due; returns the publications written. Stops between surveys when aborted. */
  async publishDue(signal?: AbortSignal): Promise<SurveyPublication[]> {
    const now = this.clock();
    const lastMidnight = dayStart(now);
    const reporting = new Set(await this.stores.catalog.listGroupsOfTypes(this.settings.reportingGroupTypes));
    const written: SurveyPublication[] = [];
    for (const surveyId of await this.stores.surveys.listSurveyIds()) {
      signal?.throwIfAborted();
      const { start, end } = surveyPeriod(surveyId);
      if (start >= lastMidnight) continue; // nothing answered before a midnight yet
      const closed = end <= lastMidnight;
      const asOf = closed ? end : lastMidnight;
      const publication = await this.publishOne(surveyId, asOf, closed, reporting, now);
      if (publication) written.push(publication);
    }
    return written;
  }

  private async publishOne(
    surveyId: string,
    asOf: number,
    closed: boolean,
    reportingGroups: ReadonlySet<string>,
    now: number,
  ): Promise<SurveyPublication | undefined> {
    const { surveys, publications } = this.stores;
    const k = this.settings.minGroupSize;
    const all = await surveys.listSurveyResponses(surveyId);
    // a closed survey counts all its answers; a running one those before the midnight
    const rows = closed ? all : all.filter(r => r.submittedAt < asOf);
    if (rows.length < k) return undefined;

    // the cheap test first: is anything to publish since the latest publication?
    const latest = await publications.latest(surveyId);
    const previous = latest && (await publications.entries(surveyId, [latest.seq])).get(latest.seq)!;
    if (!isDue(rows, reportingGroups, previous, k)) return undefined;
    const list = await publications.list(surveyId);
    const entries = await publications.entries(
      surveyId,
      list.map(p => p.seq),
    );
    const history: PublishedWithEntries[] = list.map(p => ({ publication: p, entries: entries.get(p.seq)! }));

    const decision = decidePublication({ surveyId, asOf, publishedAt: now, k, rows, reportingGroups, history });
    if (!decision.publish) {
      this.logger?.info(`Survey ${surveyId} not published: ${decision.why}`);
      return undefined;
    }
    if (!(await publications.publish(decision.publication, decision.entries))) return undefined;
    const { publication } = decision;
    this.logger?.info(
      `Survey ${surveyId} publication ${publication.seq} as of ${new Date(asOf).toISOString()}: ` +
        `${Object.keys(publication.groups).length} groups released, ${publication.suppressed.length} withheld by complementary suppression`,
    );
    return publication;
  }
}
