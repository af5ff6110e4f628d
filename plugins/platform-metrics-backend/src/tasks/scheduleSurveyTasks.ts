import { LoggerService, SchedulerService } from '@backstage/backend-plugin-api';
import { PublicationService } from '../surveys/PublicationService';
import { SurveyAdmin } from '../surveys/SurveyAdmin';

/** The id of the survey publication task (an import triggers it). */
export const SURVEY_PUBLICATION_TASK = 'platform-metrics:survey-publication';
const SURVEY_RETENTION_TASK = 'platform-metrics:survey-retention';

/** Passes per run of the publication task: answers imported while it runs are published in the same run. */
const MAX_PASSES = 5;

/**
 * The survey tasks (metrics.md §8a), both of global scope (one replica at a
 * time) and stopping when the scheduler aborts them:
 * - publication: publishes every survey that is due (at least k changed
 *   answers since its previous publication, as of the last UTC midnight;
 *   closed surveys as of the midnight after they closed);
 * - retention: deletes answers older than `survey.retentionQuarters`.
 */
export async function scheduleSurveyTasks(deps: {
  scheduler: SchedulerService;
  logger: LoggerService;
  publications: PublicationService;
  admin: SurveyAdmin;
}) {
  const { scheduler, logger, publications, admin } = deps;

  await scheduler.scheduleTask({
    id: SURVEY_PUBLICATION_TASK,
    scope: 'global',
    frequency: { minutes: 30 },
    timeout: { minutes: 15 },
    initialDelay: { seconds: 15 },
    fn: async signal => {
      for (let pass = 0; pass < MAX_PASSES; pass++) {
        const written = await publications.publishDue(signal);
        if (written.length === 0) break;
      }
    },
  });

  await scheduler.scheduleTask({
    id: SURVEY_RETENTION_TASK,
    scope: 'global',
    frequency: { hours: 24 },
    timeout: { minutes: 15 },
    initialDelay: { minutes: 1 },
    fn: async signal => {
      signal.throwIfAborted();
      const deleted = await admin.applyRetention();
      if (deleted.responses + deleted.snoozes + deleted.publicationEntries > 0) {
        logger.info(
          `Survey retention (before ${new Date(deleted.cutoff).toISOString()}): deleted ${deleted.responses} answers, ` +
            `${deleted.snoozes} snoozes and ${deleted.publicationEntries} publication entries`,
        );
      }
    },
  });
}
