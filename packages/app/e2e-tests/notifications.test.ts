import { APIRequestContext, expect, test } from '@playwright/test';
import type { CurrentSurvey } from '@platform-metrics/plugin-platform-metrics-common';
import { api, guestToken, seriousViolations, signIn } from './support';

/** The titles of the guest's notifications, from the notifications backend. */
async function notificationTitles(request: APIRequestContext): Promise<string[]> {
  const res = await request.get('http://localhost:7007/api/notifications', {
    headers: { Authorization: `Bearer ${await guestToken(request)}` },
  });
  expect(res.status()).toBe(200);
  const body = await res.json();
  return body.notifications.map((n: { payload: { title: string } }) => n.payload.title);
}

test('the guest finds the survey invitation in their notifications, and its link leads to the survey card', async ({ page, request }) => {
  const survey = await api<CurrentSurvey>(request, '/surveys/current');
  const title = `Developer survey ${survey.surveyId} is open`;
  // the task runs shortly after start-up and after each catalog sync: the
  // guest is a member of the platform team once the catalog has it
  await expect
    .poll(() => notificationTitles(request), { timeout: 240_000, intervals: [5_000] })
    .toContain(title);
  // one invitation, however often the task has run since
  expect((await notificationTitles(request)).filter(t => t === title)).toHaveLength(1);

  await signIn(page);
  const nav = page.getByRole('navigation', { name: 'sidebar nav' });
  await nav.getByRole('link', { name: /^Notifications/ }).click();
  await expect(page).toHaveURL(/\/notifications$/);
  const invitation = page.getByRole('link', { name: title });
  await expect(invitation).toBeVisible();
  await expect(page.getByText(/^Answer on the survey card by \d+ \w+ \d{4}; results only for groups of 5 or more\.$/)).toBeVisible();
  // the notifications table's rows (Backstage's draggable table rows) are upstream's; anything else counts
  expect((await seriousViolations(page)).filter(v => !v.includes('data-rbd-draggable-id'))).toEqual([]);

  await invitation.click();
  await expect(page).toHaveURL(/localhost:3000\/$/);
  await expect(page.getByTestId('platform-metrics-survey')).toBeVisible();
});
