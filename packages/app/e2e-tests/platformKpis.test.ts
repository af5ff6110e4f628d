import { expect, test } from '@playwright/test';
import type {
  OrgPipelines,
  OrgSelfService,
  TargetsResponse,
} from '@platform-metrics/plugin-platform-metrics-common';
import { api, formatDuration, seriousViolations, sidebarLink, signIn } from './support';

const DAY = 86_400_000;

const TILES = [
  ['Golden-path adoption rate', 'adoption'],
  ['Time to first deploy (median)', 'timeToFirstDeploy'],
  ['Developer NPS', 'nps'],
  ['Self-service ratio', 'selfServiceRatio'],
  ['Platform incident impact', 'platformIncidentImpact'],
  ['Cost per service', 'costPerService'],
  ['Onboarding time', 'onboardingTime'],
  ['CI pipeline duration', 'ciDuration'],
] as const;

/**
 * The org page's Platform KPIs (issue 13 §7) in the running demo: every KPI
 * with a figure, its target and a year of history, checked against the
 * backend's answers.
 */
test('the Platform KPIs show every KPI with its target and twelve months of history', async ({ page, request }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await signIn(page);
  await sidebarLink(page, 'Platform health').click();
  const section = page.getByRole('region', { name: 'Platform KPIs', exact: true });
  await expect(section).toBeVisible();

  const { targets } = await api<TargetsResponse>(request, '/targets');
  const org = new Map(targets.filter(t => t.scope === 'org').map(t => [t.metric, t]));
  for (const [title, metric] of TILES) {
    const tile = section.getByRole('region', { name: `${title}, platform KPI`, exact: true });
    await expect(tile.getByTestId(`kpi-${metric}-value`)).not.toHaveText('No data yet');
    // the demo sets an org target on each KPI; its badge is on the tile
    const target = org.get(metric);
    expect(target, `an org target on ${metric}`).toBeDefined();
    await expect(tile.getByTestId(`target-badge-${metric}`)).toBeVisible();
    // twelve months of history: the series spans (nearly) the year before today
    const first = Date.parse(target!.series[0].at);
    const last = Date.parse(target!.series[target!.series.length - 1].at);
    expect(last - first, `${metric} spans ${Math.round((last - first) / DAY)} days`).toBeGreaterThan(240 * DAY);
    await expect(tile.getByRole('img', { name: / trend: from / })).toHaveCount(1);
  }

  // the figures are the backend's
  const pipelines = await api<OrgPipelines>(request, '/org/pipelines?windowDays=90');
  await expect(section.getByTestId('kpi-ciDuration-value')).toHaveText(formatDuration(pipelines.duration.median));
  const selfService = await api<OrgSelfService>(request, '/org/self-service?windowDays=90');
  await expect(section.getByTestId('kpi-selfServiceRatio-value')).toHaveText(`${Math.round(selfService.ratio! * 100)}%`);

  // eight tiles in two rows of four at 1280 px
  const boxes = await Promise.all(
    TILES.map(([title]) => section.getByRole('region', { name: `${title}, platform KPI`, exact: true }).boundingBox()),
  );
  expect(new Set(boxes.map(b => Math.round(b!.y))).size).toBe(2);

  // eslint-disable-next-line no-console
  console.log(`demo targets: ${targets.map(t => `${t.metric} ${t.scope} ${t.status} (current ${t.current}, ${t.series.length} points)`).join('; ')}`);
  expect(await seriousViolations(page)).toEqual([]);
});
