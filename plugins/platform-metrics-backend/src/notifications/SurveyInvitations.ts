import { NotificationPayload } from '@backstage/plugin-notifications-common';
import { createHmac } from 'node:crypto';
import { DateTime } from 'luxon';
import { SurveyNotificationKind } from '../database/SurveyNotificationStore';
import { DAY } from '../lib/time';
import { lower } from '../lib/refs';
import { surveyPeriod } from '../surveys/surveyIds';

/**
 * Who gets which survey notification (metrics.md §8c), without I/O: the
 * eligible developers, the invitations and reminders due, and what they say.
 */

/** The notifications' topic: a user turns it off in the notification settings (origin `plugin:platform-metrics`). */
export const SURVEY_TOPIC = 'platform-metrics-survey';

/** One eligible developer, with the two keys the stores know them by. */
export interface Recipient {
  userRef: string;
  /** The pseudonym of their answers and snoozes. */
  answerKey: string;
  /** The key of their notification rows: another HMAC, so the rows cannot be joined with answers. */
  notificationKey: string;
}

/**
 * The key of a person's notification rows: HMAC-SHA256 of the lower-cased
 * user ref under the survey secret, with a prefix that the answers'
 * pseudonym (`surveys/pseudonym.ts`) does not have.
 */
export function notificationKeyer(secret: string): (userRef: string) => string {
  return userRef => createHmac('sha256', secret).update(`survey-notification\u0000${lower(userRef)}`).digest('hex');
}

/**
 * The eligible developers (as the response rate counts them, metrics.md
 * §8b): the distinct members of the reporting groups and of
 * `survey.eligibleGroups`, sorted.
 */
export function eligibleDevelopers(membersByGroup: Map<string, string[]>): string[] {
  return [...new Set([...membersByGroup.values()].flat())].sort();
}

/** What the stores say of a batch of recipients in the current survey. */
export interface BatchState {
  /** Answer keys that answered the survey or have a snooze running now. */
  answeredOrSnoozed: Set<string>;
  /** Notification keys with an invitation row: when it was accepted, null while a run is sending it. */
  invitations: Map<string, number | null>;
  /** Notification keys with a reminder row. */
  reminders: Map<string, number | null>;
}

/** The invitations due: to those with no invitation row who have neither answered nor snoozed. */
export function dueInvitations(recipients: Recipient[], state: BatchState): Recipient[] {
  return recipients.filter(r => !state.invitations.has(r.notificationKey) && !state.answeredOrSnoozed.has(r.answerKey));
}

/**
 * The reminders due at `now`: to those whose invitation was accepted at
 * least `reminderDays` days ago, who have no reminder row, and have neither
 * answered nor a snooze running. None when `reminderDays` is 0.
 */
export function dueReminders(recipients: Recipient[], state: BatchState, now: number, reminderDays: number): Recipient[] {
  if (reminderDays <= 0) return [];
  return recipients.filter(r => {
    const invited = state.invitations.get(r.notificationKey);
    return (
      invited !== undefined &&
      invited !== null &&
      invited + reminderDays * DAY <= now &&
      !state.reminders.has(r.notificationKey) &&
      !state.answeredOrSnoozed.has(r.answerKey)
    );
  });
}

/** The last day of the survey, as "31 December 2026". */
export function closingDay(surveyId: string): string {
  return DateTime.fromMillis(surveyPeriod(surveyId).end - DAY, { zone: 'utc' }).setLocale('en-GB').toFormat('d LLLL yyyy');
}

/**
 * What a notification says, in a description under the 100 characters
 * the notifications page shows unfolded. It names the survey and links to the card;
 * its `scope` is one per survey and kind, so that a send retried after a
 * failure replaces the person's earlier notification of that kind instead
 * of adding a second one. It carries nothing about the person's answers.
 */
export function notificationPayload(
  kind: SurveyNotificationKind,
  surveyId: string,
  settings: { minGroupSize: number; link: string },
): NotificationPayload {
  const common = { link: settings.link, topic: SURVEY_TOPIC, scope: `${SURVEY_TOPIC}:${surveyId}:${kind}`, severity: 'normal' as const };
  if (kind === 'invitation') {
    return {
      ...common,
      title: `Developer survey ${surveyId} is open`,
      description: `Answer on the survey card by ${closingDay(surveyId)}; results only for groups of ${settings.minGroupSize} or more.`,
    };
  }
  return {
    ...common,
    title: `Reminder: developer survey ${surveyId} is open until ${closingDay(surveyId)}`,
    description: `You can still answer on the survey card; results only for groups of ${settings.minGroupSize} or more.`,
  };
}
