import { LoggerService, SchedulerService } from '@backstage/backend-plugin-api';
import { isError } from '@backstage/errors';

/**
 * Asks for a run of the rollup job right after an ingestion, so that an
 * event shows in reads within seconds rather than a job interval: pokes
 * within `debounceMs` collapse into one `scheduler.triggerTask`. While the
 * job runs, a trigger is refused (its current pass may already be behind
 * the new marks), so it is retried every `retryMs` until accepted.
 */
export class RollupTrigger {
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    private readonly deps: {
      scheduler: SchedulerService;
      logger: LoggerService;
      taskId: string;
      debounceMs?: number;
      retryMs?: number;
    },
  ) {}

  /** Something was ingested: trigger the job soon. */
  poke() {
    this.schedule(this.deps.debounceMs ?? 200);
  }

  /** Stops triggering (at shutdown). */
  stop() {
    this.stopped = true;
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private schedule(ms: number) {
    if (this.stopped || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.fire().catch(e => this.deps.logger.warn(`Could not trigger ${this.deps.taskId}: ${e}`));
    }, ms);
    this.timer.unref?.();
  }

  private async fire() {
    try {
      await this.deps.scheduler.triggerTask(this.deps.taskId);
    } catch (e) {
      if (isError(e) && e.name === 'ConflictError') {
        this.schedule(this.deps.retryMs ?? 1000);
        return;
      }
      throw e;
    }
  }
}
