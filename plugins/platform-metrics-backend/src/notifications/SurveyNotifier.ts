import { LoggerService } from '@backstage/backend-plugin-api';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { randomUUID } from 'node:crypto';
import { PlatformMetricsSettings } from '../config';
import { CatalogStore } from '../database/CatalogStore';
import { SurveyNotificationKind, SurveyNotificationStore } from '../database/SurveyNotificationStore';
import { chunks } from '../lib/collections';
import { Clock } from '../lib/time';
import { pseudonymiser } from '../surveys/pseudonym';
import { surveyIdAt } from '../surveys/surveyIds';
import {
  BatchState,
  Recipient,
  dueInvitations,
  dueReminders,
  eligibleDevelopers,
  notificationKeyer,
  notificationPayload,
} from './SurveyInvitations';

/** What one run sent: notifications accepted, and those whose send failed (released for the next run). */
export interface SurveyNotifierRun {
  surveyId: string;
  invited: number;
  reminded: number;
  failed: number;
}

/** Recipients per send (one request to the notifications backend). */
export const DEFAULT_BATCH_SIZE = 100;
/**
 * A claim older than this that was never marked sent belongs to a run that
 * died while sending: a later run takes it over (the notification's scope
 * keeps a second send from adding a second notification).
 */
export const STALE_CLAIM_MS = 60 * 60 * 1000;

/**
 * Sends the current survey's invitations and reminders through Backstage
 * notifications (metrics.md §8c), in batches: for each batch it reads who
 * answered or snoozed and what was sent, claims the rows of the
 * notifications due (the database's primary key lets one run have each),
 * sends to the claimed ones only, and marks them sent, or releases them
 * when the send fails. Stops between batches when the signal aborts.
 */
export class SurveyNotifier {
  private readonly answerKey: (userRef: string) => string;
  private readonly notificationKey: (userRef: string) => string;

  constructor(
    private readonly deps: {
      stores: { catalog: CatalogStore; surveyNotifications: SurveyNotificationStore };
      notifications: NotificationService;
      settings: PlatformMetricsSettings['survey'];
      logger: LoggerService;
      clock?: Clock;
      batchSize?: number;
    },
  ) {
    this.answerKey = pseudonymiser(deps.settings.pseudonymSecret);
    this.notificationKey = notificationKeyer(deps.settings.pseudonymSecret);
  }

  private now() {
    return (this.deps.clock ?? Date.now)();
  }

  async run(signal: AbortSignal): Promise<SurveyNotifierRun> {
    const { settings, stores } = this.deps;
    const surveyId = surveyIdAt(this.now(), settings.cadence);
    const result = { surveyId, invited: 0, reminded: 0, failed: 0 };
    if (!settings.notifications.enabled) return result;
    signal.throwIfAborted();
    // the rows serve the running survey only: those of a closed one go
    const closed = (await stores.surveyNotifications.listSurveyIds()).filter(id => id !== surveyId);
    await stores.surveyNotifications.deleteSurveys(closed);

    const recipients = await this.eligible();
    const claimId = randomUUID();
    for (const batch of chunks(recipients, this.deps.batchSize ?? DEFAULT_BATCH_SIZE)) {
      signal.throwIfAborted();
      const state = await this.stateOf(surveyId, batch);
      const now = this.now();
      for (const [kind, due] of [
        ['invitation', dueInvitations(batch, state)],
        ['reminder', dueReminders(batch, state, now, settings.notifications.reminderDays)],
      ] as const) {
        if (due.length === 0) continue;
        const sent = await this.send(surveyId, kind, due, claimId);
        if (sent === 'failed') {
          // the notifications backend is failing: the next run tries again
          result.failed += due.length;
          return result;
        }
        result[kind === 'invitation' ? 'invited' : 'reminded'] += sent;
      }
    }
    return result;
  }

  /** Deletes the person's notification rows (erasure). */
  async erase(userRef: string): Promise<number> {
    return this.deps.stores.surveyNotifications.deleteByUserKeys([this.notificationKey(userRef)]);
  }

  private async eligible(): Promise<Recipient[]> {
    const { reportingGroupTypes, eligibleGroups } = this.deps.settings;
    const reporting = await this.deps.stores.catalog.listGroupsOfTypes(reportingGroupTypes);
    const members = await this.deps.stores.catalog.membersOfGroups([...reporting, ...eligibleGroups]);
    return eligibleDevelopers(members).map(userRef => ({
      userRef,
      answerKey: this.answerKey(userRef),
      notificationKey: this.notificationKey(userRef),
    }));
  }

  private async stateOf(surveyId: string, batch: Recipient[]): Promise<BatchState> {
    const store = this.deps.stores.surveyNotifications;
    const keys = batch.map(r => r.notificationKey);
    const [answeredOrSnoozed, invitations, reminders] = await Promise.all([
      store.answeredOrSnoozed(surveyId, batch.map(r => r.answerKey), this.now()),
      store.listSent(surveyId, 'invitation', keys),
      store.listSent(surveyId, 'reminder', keys),
    ]);
    return { answeredOrSnoozed, invitations, reminders };
  }

  /** Claims, sends and marks one batch of one kind; the number sent, or 'failed' (the claims released). */
  private async send(
    surveyId: string,
    kind: SurveyNotificationKind,
    due: Recipient[],
    claimId: string,
  ): Promise<number | 'failed'> {
    const store = this.deps.stores.surveyNotifications;
    const at = this.now();
    const claimed = new Set(
      await store.claim(surveyId, kind, due.map(r => r.notificationKey), { id: claimId, at, staleBefore: at - STALE_CLAIM_MS }),
    );
    const to = due.filter(r => claimed.has(r.notificationKey));
    if (to.length === 0) return 0;
    const keys = to.map(r => r.notificationKey);
    try {
      await this.deps.notifications.send({
        recipients: { type: 'entity', entityRef: to.map(r => r.userRef) },
        payload: notificationPayload(kind, surveyId, { ...this.deps.settings, link: this.deps.settings.notifications.link }),
      });
    } catch (e) {
      await store.release(surveyId, kind, claimId, keys);
      this.deps.logger.warn(
        `Survey ${surveyId}: could not send ${to.length} ${kind}s through Backstage notifications, the next run retries them ` +
          `(set platformMetrics.survey.sendNotifications: false without the notifications backend): ${e}`,
      );
      return 'failed';
    }
    await store.markSent(surveyId, kind, claimId, keys, this.now());
    return to.length;
  }
}
