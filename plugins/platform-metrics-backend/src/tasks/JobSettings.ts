import { LoggerService } from '@backstage/backend-plugin-api';
import { RollupStore } from '../database/RollupStore';
import { Clock } from '../lib/time';
import { RollupService } from '../rollups/RollupService';
import { SummaryCache } from '../summaries/SummaryCache';

/**
 * Which replica's settings the scheduled jobs run under, when replicas of
 * two versions (two configs) run side by side during a rolling deploy.
 *
 * - At start-up a replica makes its settings the ones in force (the newest
 *   start wins): rollups computed under others are marked dirty and
 *   summaries computed under others are dropped, once.
 * - A job run on a replica whose settings are not in force does nothing, so
 *   the two versions never undo each other's work. (Rollup writes are also
 *   refused by the database under settings not in force: see
 *   `RollupStore.writeRollups`.)
 * - Every replica under the settings in force confirms so regularly. When
 *   no confirmation arrived for `staleAfterMs`, the replicas that set them
 *   are gone and the next job run takes over with its own settings.
 */
export class JobSettings {
  private readonly clock: Clock;

  constructor(
    private readonly deps: {
      rollups: RollupService;
      summaries: SummaryCache;
      store: RollupStore;
      logger: LoggerService;
      staleAfterMs: number;
      clock?: Clock;
    },
  ) {
    this.clock = deps.clock ?? Date.now;
  }

  /** Makes this replica's settings the ones in force. Returns the number of entities marked dirty. */
  async claim(): Promise<number> {
    const { rollups, summaries, store } = this.deps;
    const marked = await rollups.checkSettings();
    await summaries.checkSettings();
    await store.setSettingsConfirmedAt(this.clock());
    return marked;
  }

  /** Whether this replica's rollup and summary settings are the ones in force. */
  async inForce(): Promise<boolean> {
    const [rollups, summaries] = await Promise.all([
      this.deps.rollups.settingsInForce(),
      this.deps.summaries.settingsInForce(),
    ]);
    return rollups && summaries;
  }

  /** Says that the settings in force still run on a live replica (when this one runs under them). */
  async confirm(): Promise<boolean> {
    if (!(await this.inForce())) return false;
    await this.deps.store.setSettingsConfirmedAt(this.clock());
    return true;
  }

  /**
   * Whether a job run on this replica may do its work: yes under the
   * settings in force; otherwise only once they went unconfirmed for
   * `staleAfterMs`, and then this replica takes over.
   */
  async mayRun(): Promise<boolean> {
    if (await this.inForce()) return true;
    const confirmedAt = await this.deps.store.getSettingsConfirmedAt();
    if (confirmedAt !== undefined && this.clock() - confirmedAt < this.deps.staleAfterMs) {
      this.deps.logger.info('Scheduled job skipped: another replica version is running with other settings');
      return false;
    }
    const marked = await this.claim();
    this.deps.logger.warn(
      `Took over the job settings from replicas that are gone: ${marked} entities to recompute`,
    );
    return true;
  }
}
