import { APIRequestContext, expect, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import type { EntityScorecard } from '@platform-metrics/plugin-platform-metrics-common';

/**
 * The webhook path end to end: `demo-data replay-webhooks` sends a day of
 * correctly signed GitHub (push, deployment_status) and PagerDuty deliveries
 * to the running demo's receivers, and the new deployments and incidents show
 * on the service's Scorecard tab.
 */
const BACKEND = 'http://localhost:7007/api/platform-metrics';
const ROOT = path.resolve(__dirname, '../../..');
const ENTITY = 'component:default/payments-api';

async function scorecard(request: APIRequestContext): Promise<EntityScorecard> {
  const auth = await request.get('http://localhost:7007/api/auth/guest/refresh');
  const token = (await auth.json()).backstageIdentity.token;
  const res = await request.get(`${BACKEND}/entities/component/default/payments-api/scorecard?windowDays=90`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  expect(res.status()).toBe(200);
  return res.json();
}

test('replayed GitHub and PagerDuty webhooks show on the Scorecard tab', async ({ page, request }) => {
  test.setTimeout(180_000);
  const before = await scorecard(request);
  const today = new Date().toISOString().slice(0, 10);
  const out = execFileSync(
    process.execPath,
    ['packages/demo-data/bin/platform-metrics-demo-data', 'replay-webhooks', '--day', today, '--url', BACKEND, '--json'],
    { cwd: ROOT, encoding: 'utf8' },
  );
  const summary = JSON.parse(out.slice(out.indexOf('{')));
  const sent = summary.entities[ENTITY];
  expect(sent.deployments).toBeGreaterThan(0);
  // every delivery was stored; none was refused (a rerun of the test finds them all stored already)
  expect(Object.keys(summary.answers).filter(a => a.startsWith('HTTP'))).toEqual([]);

  const succeeded = sent.deployments - sent.failedDeployments;
  const rerun = summary.answers.duplicate === summary.deliveries;
  const expected = before.dora.deploymentFrequency.count + (rerun ? 0 : succeeded);
  // counted by the rollups a few seconds later (the rollup job runs after each ingestion)
  await expect
    .poll(async () => (await scorecard(request)).dora.deploymentFrequency.count, { timeout: 90_000, intervals: [2_000] })
    .toBe(expected);
  const after = await scorecard(request);
  // the day's webhook deployments (succeeded and failed) are the latest of the service
  const fromGithub = after.recentDeployments?.filter(d => d.source === 'github' && d.finishedAt.startsWith(today));
  expect(fromGithub?.length).toBe(Math.min(20, sent.deployments));
  if (sent.incidents > 0) {
    expect(after.recentIncidents?.some(i => i.source === 'pagerduty' && i.openedAt.startsWith(today))).toBe(true);
  }

  await page.goto('/');
  await page.getByRole('button', { name: 'Enter' }).click();
  await page.goto('/catalog/default/component/payments-api/scorecard?windowDays=90');
  const card = page.getByRole('region', { name: 'Deployment frequency', exact: true });
  await expect(card).toContainText(`n = ${after.dora.deploymentFrequency.count}`);
  const table = page.getByRole('table').filter({ hasText: 'Finished' }).first();
  await expect(table).toContainText('production');
});
