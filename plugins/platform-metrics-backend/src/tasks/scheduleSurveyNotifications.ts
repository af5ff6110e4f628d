import { LoggerService, SchedulerService } from '@backstage/backend-plugin-api';
import { SurveyNotifier } from '../notifications/SurveyNotifier';

/** The id of the survey notifications task. */
export const SURVEY_NOTIFICATIONS_TASK = 'platform-metrics:survey-notifications';

/**
 * The survey's invitations and reminders (metrics.md §8c): a task of global
 * scope (one replica at a time; the database's claims hold even if two ran),
 * shortly after start-up and then as often as the catalog sync, so that a
 * developer who joins an eligible group is invited soon after.
 */
export async function scheduleSurveyNotifications(deps: {
  scheduler: SchedulerService;
  logger: LoggerService;
  notifier: SurveyNotifier;
  frequencyMinutes: number;
}) {
  const { scheduler, logger, notifier } = deps;
  await scheduler.scheduleTask({
    id: SURVEY_NOTIFICATIONS_TASK,
    scope: 'global',
    frequency: { minutes: deps.frequencyMinutes },
    timeout: { minutes: 15 },
    initialDelay: { seconds: 20 },
    fn: async signal => {
      const run = await notifier.run(signal);
      if (run.invited + run.reminded > 0) {
        logger.info(`Survey ${run.surveyId}: sent ${run.invited} invitations and ${run.reminded} reminders`);
      }
    },
  });
}
