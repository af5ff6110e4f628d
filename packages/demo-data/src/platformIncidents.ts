/**
 * The demo's platform incidents (docs/metrics.md §14, platform incident
 * impact): outages of the platform team's resources, which keep whole teams
 * from building and deploying. The story: before the platform launch the
 * CI runner pool and the registry went down for hours, every team waiting;
 * the platform moved the runners onto the autoscaled pool and the registry
 * behind the cache (golden path v2 brought CI caching), and the outages got
 * rarer and shorter. A few incidents carry the count of developers the
 * incident tool recorded (`affectedDevelopers`); for most, the backend
 * counts the catalog's dependents (platformCatalog.ts).
 *
 * Dates are relative to the platform launch, so they are absolute like the
 * catalog's: generating a day later repeats the same records.
 */
import type { EntityEvents, GeneratedIncident } from './events';
import type { Org } from './org';
import { PLATFORM_RESOURCES } from './platformCatalog';
import { hashString } from './random';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

interface Outage {
  slug: string;
  resource: keyof typeof PLATFORM_RESOURCES;
  /** Opened this many days after the launch (negative: before), at `hourUtc`. */
  daysFromLaunch: number;
  hourUtc: number;
  hours: number;
  severity: 'sev1' | 'sev2';
  /** As the incident tool counted them; absent: the backend counts the catalog's. */
  affectedDevelopers?: number;
}

/** The outages of the year, oldest first. */
export const PLATFORM_OUTAGES: readonly Outage[] = [
  { slug: 'runner-pool-exhausted', resource: 'ciRunners', daysFromLaunch: -160, hourUtc: 9, hours: 5.5, severity: 'sev1' },
  { slug: 'registry-disk-full', resource: 'registry', daysFromLaunch: -131, hourUtc: 13, hours: 3, severity: 'sev1', affectedDevelopers: 58 },
  { slug: 'control-plane-upgrade', resource: 'cluster', daysFromLaunch: -102, hourUtc: 7, hours: 2.5, severity: 'sev2' },
  { slug: 'runner-image-rate-limit', resource: 'ciRunners', daysFromLaunch: -71, hourUtc: 10, hours: 4, severity: 'sev1' },
  { slug: 'registry-replication-lag', resource: 'registry', daysFromLaunch: -44, hourUtc: 15, hours: 1.5, severity: 'sev2' },
  { slug: 'runner-autoscaler-stuck', resource: 'ciRunners', daysFromLaunch: -16, hourUtc: 8, hours: 6, severity: 'sev1', affectedDevelopers: 64 },
  { slug: 'runner-pool-migration', resource: 'ciRunners', daysFromLaunch: 24, hourUtc: 11, hours: 1.5, severity: 'sev2' },
  { slug: 'node-pool-drain', resource: 'cluster', daysFromLaunch: 61, hourUtc: 14, hours: 0.75, severity: 'sev2', affectedDevelopers: 35 },
  { slug: 'registry-certificate-expired', resource: 'registry', daysFromLaunch: 98, hourUtc: 9, hours: 1, severity: 'sev1' },
  { slug: 'runner-cache-failover', resource: 'ciRunners', daysFromLaunch: 149, hourUtc: 12, hours: 0.5, severity: 'sev2' },
  { slug: 'cluster-dns-blip', resource: 'cluster', daysFromLaunch: 186, hourUtc: 16, hours: 0.25, severity: 'sev2' },
];

/**
 * The outages opened in `[fromMs, nowMs)`, one entity's events per resource;
 * one still going at `nowMs` is open (sent again once resolved).
 */
export function platformOutageEvents(
  org: Pick<Org, 'launchDate'>,
  ctx: { source: string; fromMs: number; nowMs: number },
): EntityEvents[] {
  const launch = Date.parse(org.launchDate);
  const byResource = new Map<string, GeneratedIncident[]>();
  for (const o of PLATFORM_OUTAGES) {
    const opened = launch + o.daysFromLaunch * DAY + o.hourUtc * HOUR;
    if (opened < ctx.fromMs || opened >= ctx.nowMs) continue;
    const resolved = opened + o.hours * HOUR;
    const entityRef = `resource:default/${PLATFORM_RESOURCES[o.resource]}`;
    const incident: GeneratedIncident = {
      id: `platform-${o.slug}`,
      source: ctx.source,
      entityRef,
      openedAt: new Date(opened).toISOString(),
      severity: o.severity,
    };
    if (resolved < ctx.nowMs) incident.resolvedAt = new Date(resolved).toISOString();
    if (o.affectedDevelopers !== undefined) incident.affectedDevelopers = o.affectedDevelopers;
    byResource.set(entityRef, [...(byResource.get(entityRef) ?? []), incident]);
  }
  return [...byResource].map(([entityRef, incidents]) => ({ entityRef, deployments: [], incidents }));
}

/**
 * The developers who reported a long-standing degradation of a platform
 * component (2 to 8, from the incident's id): the incident tool's count,
 * where the catalog would count every dependent team for days.
 */
export function reportedDevelopers(incidentId: string): number {
  return 2 + (hashString(`${incidentId}:reported`) % 7);
}
