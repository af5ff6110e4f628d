import type { PlatformIncident, PlatformIncidentImpact } from '@platform-metrics/plugin-platform-metrics-common';
import { SECONDS_PER_HOUR } from '../lib/time';

/** One costed platform incident; its developer-hours follow from its duration and affected developers. */
export function makePlatformIncident(
  id: string,
  entityRef: string,
  hours: number,
  affectedDevelopers: number,
  affectedFrom: PlatformIncident['affectedFrom'],
  resolvedAt: string,
): PlatformIncident {
  return {
    id,
    source: 'pagerduty',
    entityRef,
    severity: 'sev2',
    openedAt: new Date(Date.parse(resolvedAt) - hours * SECONDS_PER_HOUR * 1000).toISOString(),
    resolvedAt,
    durationSeconds: hours * SECONDS_PER_HOUR,
    affectedDevelopers,
    affectedFrom,
    developerHours: hours * affectedDevelopers,
  };
}

/**
 * A quarter of platform incidents: the CI runner pool down for 3.5 hours
 * (64 developers by the catalog), the artifact registry for 2 hours (40 by
 * the incident tool) and the secrets broker for 45 minutes (18); one open.
 */
export function makePlatformIncidents(overrides: Partial<PlatformIncidentImpact> = {}): PlatformIncidentImpact {
  return {
    window: { from: '2026-01-01T00:00:00.000Z', to: '2026-04-01T00:00:00.000Z', days: 90 },
    platformOwners: ['group:default/platform'],
    dependencyDepth: 3,
    incidents: 3,
    affectedFromIncident: 1,
    totalDeveloperHours: 224 + 80 + 13.5,
    open: 1,
    quarters: [
      { quarter: '2026-Q1', from: '2026-01-01T00:00:00.000Z', to: '2026-04-01T00:00:00.000Z', incidents: 3, developerHours: 317.5 },
    ],
    trend: [
      { weekStart: '2026-03-02T00:00:00.000Z', incidents: 1, developerHours: 224 },
      { weekStart: '2026-03-09T00:00:00.000Z', incidents: 0, developerHours: 0 },
      { weekStart: '2026-03-16T00:00:00.000Z', incidents: 2, developerHours: 93.5 },
    ],
    costliest: [
      makePlatformIncident('ci-pool-outage', 'resource:default/ci-runner-pool', 3.5, 64, 'catalog', '2026-03-04T13:30:00.000Z'),
      makePlatformIncident('registry-disk-full', 'component:default/artifact-cache', 2, 40, 'incident', '2026-03-17T11:00:00.000Z'),
      makePlatformIncident('secrets-latency', 'component:default/secrets-broker', 0.75, 18, 'catalog', '2026-03-19T09:45:00.000Z'),
    ],
    ...overrides,
  };
}
