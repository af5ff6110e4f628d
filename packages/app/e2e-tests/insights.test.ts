import { expect, test } from '@playwright/test';
import type { Annotation, OrgSummary } from '@platform-metrics/plugin-platform-metrics-common';
import path from 'node:path';
import { BACKEND, SHOTS, api, formatDuration, guestToken, seriousViolations, signIn } from './support';

/**
 * The insights of issue 12 in the running demo: a platform-change annotation
 * added in the UI, and the quarter in review as Chromium prints it.
 */

test('an annotation added on Platform health shows on the trend charts and opens its before/after', async ({ page, request }) => {
  const title = `Golden path v3 (e2e ${Date.now()})`;
  await signIn(page);
  await page.goto('/platform-health?windowDays=90');
  await page.getByRole('button', { name: 'Add annotation' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add a platform-change annotation' });
  await dialog.getByRole('textbox', { name: 'Title' }).fill(title);
  await dialog.getByRole('textbox', { name: 'Tags (comma-separated)' }).fill('golden-path, e2e');
  // "When (UTC)" defaults to now: inside the 90-day window
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toHaveCount(0);

  try {
    // the API has it, in the org's scope, as the dialog sent it
    const stored = await api<{ annotations: Annotation[] }>(request, '/annotations?scope=org');
    const mine = stored.annotations.find(a => a.title === title);
    expect(mine).toMatchObject({ scope: 'org', tags: ['golden-path', 'e2e'] });

    // a labelled vertical marker on the charts, and a button below each chart
    const chart = page.getByRole('figure', { name: 'Weekly deployments' });
    await expect(chart.locator('svg text', { hasText: title }).first()).toBeVisible();
    const marker = chart.getByRole('group', { name: 'Annotations' }).getByRole('button', { name: new RegExp(`^${escape(title)}`) });
    await marker.click();
    const impact = page.getByRole('dialog', { name: `Before and after: ${title}` });
    await expect(impact).toBeVisible();
    await expect(impact.getByRole('table')).toContainText('Lead time');
    // the after window of an annotation made now has not elapsed yet
    await expect(impact).toContainText('has not fully elapsed');
  } finally {
    await removeAnnotations(request, title);
  }
});

test('the quarter in review shows last quarter against the one before and the baseline, and prints to a PDF that is not empty', async ({ page, request }) => {
  // the last complete quarter: the demo history covers the year before today
  const now = new Date();
  const q = Math.floor(now.getUTCMonth() / 3); // 0-based current quarter
  const year = q === 0 ? now.getUTCFullYear() - 1 : now.getUTCFullYear();
  const quarter = `${year}-Q${q === 0 ? 4 : q}`;
  const start = Date.UTC(year, (q === 0 ? 3 : q - 1) * 3, 1);
  const end = Date.UTC(q === 0 ? year + 1 : year, q === 0 ? 0 : q * 3, 1);
  const days = Math.round((end - start) / 86_400_000);
  const summary = await api<OrgSummary>(
    request,
    `/org/summary?windowDays=${days}&to=${encodeURIComponent(new Date(end).toISOString())}&compare=previous`,
  );
  expect(summary.dora.deploymentFrequency.count).toBeGreaterThan(0);

  await signIn(page);
  await page.goto(`/platform-health/review?quarter=${quarter}`);
  const review = page.locator('#platform-metrics-review');
  await expect(review).toHaveAttribute('data-quarter', quarter);
  await expect(page.getByRole('heading', { name: 'Quarter in review' }).first()).toBeVisible();
  const kpis = page.getByRole('table', { name: `KPIs of ${quarter} against last quarter and the baseline` });
  await expect(kpis).toBeVisible();
  // the quarter's lead time as GET /org/summary answers it for the same window
  await expect(kpis.getByTestId('review-kpi-leadTime')).toContainText(formatDuration(summary.comparison!.metrics.leadTime.after.value));
  expect(await seriousViolations(page)).toEqual([]);
  await page.screenshot({ path: path.join(SHOTS, 'quarter-review.png'), fullPage: true });

  // printed: the sidebar and the controls are gone, the review is on the page
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('navigation', { name: 'sidebar nav' })).toBeHidden();
  await expect(page.locator('[data-print="hide"]').first()).toBeHidden();
  await expect(kpis).toBeVisible();
  const blank = await page.context().newPage();
  await blank.setContent('<html><body></body></html>');
  const empty = await blank.pdf({ format: 'A4' });
  await blank.close();
  for (const format of ['A4', 'Letter'] as const) {
    const pdf = await page.pdf({ format, printBackground: false });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    // a page of tables and charts weighs many times a blank page
    expect(pdf.length).toBeGreaterThan(10 * empty.length);
    expect(pdf.toString('latin1')).toMatch(/\/Type\s*\/Page\b/);
  }
});

test("an AI assistant lists the suite's tools over MCP and reads a scorecard as GET /scorecard answers it", async ({ request }) => {
  const token = await guestToken(request);
  const rpc = async (id: number, method: string, params: object = {}) => {
    const res = await request.post('http://localhost:7007/api/mcp-actions/v1', {
      headers: {
        Authorization: `Bearer ${token}`,
        Accept: 'application/json, text/event-stream',
        'Content-Type': 'application/json',
      },
      data: { jsonrpc: '2.0', id, method, params },
    });
    expect(res.status()).toBe(200);
    const text = await res.text();
    // a streamable HTTP answer is one server-sent event, or plain JSON
    const json = text.trimStart().startsWith('{') ? text : text.split('\n').find(l => l.startsWith('data:'))!.slice(5);
    return JSON.parse(json);
  };
  // tool names carry their plugin (mcpActions.namespacedToolNames, on by default)
  const tools = (await rpc(1, 'tools/list')).result.tools.map((x: { name: string }) => x.name);
  expect(tools).toEqual(
    expect.arrayContaining(['get-scorecard', 'get-summary', 'list-annotations', 'create-annotation'].map(n => `platform-metrics.${n}`)),
  );

  const call = await rpc(2, 'tools/call', {
    name: 'platform-metrics.get-scorecard',
    arguments: { entityRef: 'payments-api', windowDays: 90 },
  });
  expect(call.result.isError).toBeFalsy();
  const fromTool = JSON.parse(call.result.content[0].text);
  const fromHttp = await api<{ dora: object }>(request, '/entities/component/default/payments-api/scorecard?windowDays=90');
  expect(fromTool.dora).toEqual(fromHttp.dora);
});

/** Regex-escapes a literal. */
function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Deletes the annotations this test made, so that a retry starts clean. */
async function removeAnnotations(request: Parameters<typeof guestToken>[0], title: string) {
  const token = await guestToken(request);
  const res = await request.get(`${BACKEND}/annotations?scope=org`, { headers: { Authorization: `Bearer ${token}` } });
  const { annotations } = (await res.json()) as { annotations: Annotation[] };
  for (const a of annotations.filter(x => x.title === title)) {
    const del = await request.delete(`${BACKEND}/annotations/${encodeURIComponent(a.id)}`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(del.status()).toBeLessThan(300);
  }
}
