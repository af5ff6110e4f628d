import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { generateOrg } from './org';
import { PLATFORM_TEAM } from './platformCatalog';

const DAY = 86_400_000;

describe('the demo app-config', () => {
  const config = parse(readFileSync(resolve(__dirname, '../../../app-config.demo.yaml'), 'utf8'));

  it('has the 90 days before the demo organisation launched its platform as its baseline', () => {
    const launch = Date.parse(generateOrg({ seed: 1 }).launchDate);
    const baseline = config.platformMetrics.baseline;
    // whole UTC days ending at the launch day (the launch day itself counts after it)
    const launchDay = Math.floor(launch / DAY) * DAY;
    expect(Date.parse(`${baseline.to}T00:00:00Z`)).toBe(launchDay);
    expect(Date.parse(`${baseline.from}T00:00:00Z`)).toBe(launchDay - 90 * DAY);
    expect(baseline.label).toBeTruthy();
  });

  it('sets a target on every platform KPI of the org page, onboarding under a day and CI under 10 minutes', () => {
    const org = (config.platformMetrics.targets as { metric: string; scope: string; value: unknown }[]).filter(t => t.scope === 'org');
    expect(org.map(t => t.metric).sort()).toEqual(
      ['adoption', 'ciDuration', 'costPerService', 'nps', 'onboardingTime', 'platformIncidentImpact', 'selfServiceRatio', 'timeToFirstDeploy'],
    );
    expect(org.find(t => t.metric === 'onboardingTime')?.value).toBe('1d');
    expect(org.find(t => t.metric === 'ciDuration')?.value).toBe('10m');
  });

    it('names the demo’s platform team as the owner of the platform, whose incidents cost developer-hours', () => {
    expect(config.platformMetrics.platformOwners).toEqual([`group:default/${PLATFORM_TEAM}`]);
    expect(generateOrg().teams.map(t => t.name)).toContain(PLATFORM_TEAM);
  });
});
