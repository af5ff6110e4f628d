import { ConfigReader } from '@backstage/config';
import { DAY } from '../lib/time';
import { pseudonymiser } from '../surveys/pseudonym';
import {
  BatchState,
  Recipient,
  SURVEY_TOPIC,
  closingDay,
  dueInvitations,
  dueReminders,
  eligibleDevelopers,
  notificationKeyer,
  notificationPayload,
} from './SurveyInvitations';
import { readSurveyNotifications } from './notificationConfig';

const SECRET = 'a-test-secret-of-some-length';
const recipient = (name: string): Recipient => ({
  userRef: `user:default/${name}`,
  answerKey: `answer-${name}`,
  notificationKey: `notify-${name}`,
});
const [ann, bob, cat, dan] = ['ann', 'bob', 'cat', 'dan'].map(recipient);
const state = (over: Partial<BatchState> = {}): BatchState => ({
  answeredOrSnoozed: new Set(),
  invitations: new Map(),
  reminders: new Map(),
  ...over,
});
const NOW = Date.parse('2026-10-20T12:00:00Z');

describe('survey invitations (metrics.md §8c)', () => {
  it('keys notification rows with an HMAC that is not the answer pseudonym', () => {
    const key = notificationKeyer(SECRET);
    expect(key('user:default/Ann')).toBe(key('user:default/ann'));
    expect(key('user:default/ann')).toMatch(/^[0-9a-f]{64}$/);
    expect(key('user:default/ann')).not.toBe(key('user:default/bob'));
    expect(key('user:default/ann')).not.toBe(pseudonymiser(SECRET)('user:default/ann'));
    expect(notificationKeyer('another-secret-entirely')('user:default/ann')).not.toBe(key('user:default/ann'));
  });

  it('counts a member of several eligible groups once', () => {
    const members = new Map([
      ['group:default/a', ['user:default/bob', 'user:default/ann']],
      ['group:default/b', ['user:default/ann', 'user:default/cat']],
    ]);
    expect(eligibleDevelopers(members)).toEqual(['user:default/ann', 'user:default/bob', 'user:default/cat']);
    expect(eligibleDevelopers(new Map())).toEqual([]);
  });

  it('invites those without an invitation row who have neither answered nor snoozed', () => {
    const s = state({
      answeredOrSnoozed: new Set([bob.answerKey]),
      // cat's invitation is being sent by another run: claimed, not yet accepted
      invitations: new Map([[cat.notificationKey, null]]),
    });
    expect(dueInvitations([ann, bob, cat, dan], s)).toEqual([ann, dan]);
    // a row under the answer key means nothing: the stores keep the two keys apart
    expect(dueInvitations([ann], state({ invitations: new Map([[ann.answerKey, 1]]) }))).toEqual([ann]);
  });

  it('reminds once, reminderDays after the accepted invitation, those who have neither answered nor snoozed', () => {
    const invitedAt = NOW - 7 * DAY;
    const s = state({
      invitations: new Map([
        [ann.notificationKey, invitedAt],
        [bob.notificationKey, invitedAt],
        [cat.notificationKey, invitedAt + 1],
        [dan.notificationKey, null],
      ]),
    });
    // cat was invited a millisecond too late, dan's invitation was never accepted
    expect(dueReminders([ann, bob, cat, dan], s, NOW, 7)).toEqual([ann, bob]);
    expect(dueReminders([ann, bob, cat, dan], { ...s, answeredOrSnoozed: new Set([bob.answerKey]) }, NOW, 7)).toEqual([ann]);
    expect(dueReminders([ann, bob], { ...s, reminders: new Map([[ann.notificationKey, null]]) }, NOW, 7)).toEqual([bob]);
    expect(dueReminders([ann, bob, cat, dan], s, NOW, 8)).toEqual([]);
    expect(dueReminders([ann, bob, cat, dan], s, NOW + 1, 7)).toEqual([ann, bob, cat]);
    // no invitation, no reminder
    expect(dueReminders([ann], state(), NOW, 1)).toEqual([]);
  });

  it('sends no reminder when reminderDays is 0', () => {
    const s = state({ invitations: new Map([[ann.notificationKey, NOW - 30 * DAY]]) });
    expect(dueReminders([ann], s, NOW, 0)).toEqual([]);
  });

  it('names the survey, links to the card, and has one scope per survey and kind under the plugin topic', () => {
    const settings = { minGroupSize: 5, link: '/' };
    const invitation = notificationPayload('invitation', '2026-Q4', settings);
    expect(invitation).toEqual({
      title: 'Developer survey 2026-Q4 is open',
      description: 'Answer on the survey card by 31 December 2026; results only for groups of 5 or more.',
      link: '/',
      topic: SURVEY_TOPIC,
      scope: 'platform-metrics-survey:2026-Q4:invitation',
      severity: 'normal',
    });
    const reminder = notificationPayload('reminder', '2026-M02', { ...settings, link: '/survey' });
    expect(reminder.title).toBe('Reminder: developer survey 2026-M02 is open until 28 February 2026');
    expect(reminder.link).toBe('/survey');
    expect(reminder.description).toBe('You can still answer on the survey card; results only for groups of 5 or more.');
    // the notifications page folds a description past 100 characters
    expect(notificationPayload('invitation', '2026-Q3', { minGroupSize: 100, link: '/' }).description!.length).toBeLessThanOrEqual(100);
    expect(reminder.scope).toBe('platform-metrics-survey:2026-M02:reminder');
    expect(closingDay('2028-M02')).toBe('29 February 2028');
  });
});

describe('the survey notification settings', () => {
  const read = (survey: object) => readSurveyNotifications(new ConfigReader({ survey }));

  it('defaults to sending, the home page and a reminder after 7 days', () => {
    expect(readSurveyNotifications(undefined)).toEqual({ enabled: true, link: '/', reminderDays: 7 });
    expect(read({ sendNotifications: false, link: '/home?tab=survey', reminderDays: 0 })).toEqual({
      enabled: false,
      link: '/home?tab=survey',
      reminderDays: 0,
    });
    expect(read({ link: 'https://backstage.example.com/' }).link).toBe('https://backstage.example.com/');
  });

  it.each([
    [{ link: 'home' }, 'platformMetrics.survey.link: expected a path of the app'],
    [{ link: '//evil.example.com' }, 'platformMetrics.survey.link'],
    // eslint-disable-next-line no-script-url -- the URL a link must never be
    [{ link: 'javascript:alert(1)' }, 'platformMetrics.survey.link'],
    [{ reminderDays: -1 }, 'platformMetrics.survey.reminderDays: expected a whole number from 0 (no reminder) to 89'],
    [{ reminderDays: 1.5 }, 'platformMetrics.survey.reminderDays'],
    [{ reminderDays: 90 }, 'platformMetrics.survey.reminderDays'],
    [{ cadence: 'monthly', reminderDays: 28 }, 'to 27 (within a monthly survey), got 28'],
    [{ reminderDays: 'soon' }, 'platformMetrics.survey.reminderDays'],
    [{ sendNotifications: 'perhaps' }, 'platformMetrics.survey.sendNotifications'],
  ])('rejects %j naming the key', (survey, message) => {
    expect(() => read(survey)).toThrow(message);
  });
});
