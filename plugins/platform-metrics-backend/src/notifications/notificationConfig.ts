import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';

/** Survey invitations and reminders through Backstage notifications (metrics.md §8c). */
export interface SurveyNotificationSettings {
  /** `survey.sendNotifications`: false when the notifications backend is not installed. */
  enabled: boolean;
  /** `survey.link`: where the survey card is, a path of the Backstage app or an http(s) URL. */
  link: string;
  /** `survey.reminderDays`: days after the invitation the one reminder goes out; 0 sends none. */
  reminderDays: number;
}

const invalid = (key: string, message: string): never => {
  throw new InputError(`Invalid configuration platformMetrics.${key}: ${message}`);
};

function read<T>(key: string, get: () => T | undefined): T | undefined {
  try {
    return get();
  } catch (e) {
    return invalid(key, (e as Error).message);
  }
}

/**
 * Reads `survey.sendNotifications` (default true), `survey.link` (default
 * `/`, the home page) and `survey.reminderDays` (default 7; 0 turns the
 * reminder off; under the survey's length: at most 89 for a quarterly
 * survey, 27 for a monthly one) from the plugin's section.
 */
export function readSurveyNotifications(config: Config | undefined): SurveyNotificationSettings {
  const enabled = read('survey.sendNotifications', () => config?.getOptionalBoolean('survey.sendNotifications')) ?? true;
  const link = read('survey.link', () => config?.getOptionalString('survey.link')) ?? '/';
  if (!/^\/(?!\/)\S*$/.test(link) && !/^https?:\/\/\S+$/.test(link)) {
    invalid('survey.link', `expected a path of the app (starting with /) or an http(s) URL, got '${link}'`);
  }
  const monthly = config?.getOptionalString('survey.cadence') === 'monthly';
  const max = monthly ? 27 : 89;
  const reminderDays = read('survey.reminderDays', () => config?.getOptionalNumber('survey.reminderDays')) ?? 7;
  if (!Number.isInteger(reminderDays) || reminderDays < 0 || reminderDays > max) {
    invalid(
      'survey.reminderDays',
      `expected a whole number from 0 (no reminder) to ${max} (within a ${monthly ? 'monthly' : 'quarterly'} survey), got ${reminderDays}`,
    );
  }
  return { enabled, link, reminderDays };
}
