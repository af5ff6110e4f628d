import { OrgOnboarding } from '@platform-metrics/plugin-platform-metrics-common';
import { CatalogStore } from '../database/CatalogStore';
import { PeopleStore } from '../database/PeopleStore';
import { Window, windowJson } from '../lib/time';
import {
  ONBOARDING_TARGET_SECONDS,
  authorKeys,
  onboardingCohort,
  onboardingFigures,
  showOnboarding,
  ShownOnboarding,
} from '../metrics/onboarding';

/**
 * Time to onboard a new engineer (metrics.md §6d), org-wide or of one
 * Group's members, under the anonymity rules: aggregates only, never a
 * person. Read on request from the recorded Users and the deployments of
 * their changes; nothing is precomputed.
 */
export class OnboardingService {
  constructor(
    private readonly stores: { people: PeopleStore; catalog: Pick<CatalogStore, 'getInstalledAt' | 'groupsOfUsers'> },
    private readonly settings: { productionEnvironments: string[]; survey: { minGroupSize: number } },
  ) {}

  async org(window: Window, group?: string): Promise<OrgOnboarding> {
    const [shown] = await this.cohorts([window], group);
    return {
      window: windowJson(window),
      group: group ?? null,
      minGroupSize: this.settings.survey.minGroupSize,
      target: ONBOARDING_TARGET_SECONDS,
      ...shown,
    };
  }

  /**
   * The shown figures of the cohort of each window (those who started in
   * it, as of its end), under the anonymity rules, from one read of the
   * Users and their deployments: a target reads its current window and a
   * series of them.
   */
  async cohorts(windows: Window[], group?: string): Promise<ShownOnboarding[]> {
    if (windows.length === 0) return [];
    const { people, catalog } = this.stores;
    const k = this.settings.survey.minGroupSize;
    const [users, installedAt, usersSyncedAt] = await Promise.all([
      people.listUsers(),
      catalog.getInstalledAt(),
      people.getFirstSyncedAt(),
    ]);
    // first sightings count from the later of the installation and the first sync of Users
    const since = installedAt !== undefined && usersSyncedAt !== undefined ? Math.max(installedAt, usersSyncedAt) : undefined;
    // only the Users who may start in a window need their deployments read
    const startsIn = (at: number) => windows.some(w => at >= w.from && at < w.to);
    const candidates = users.filter(u => startsIn(u.annotatedStartAt ?? u.firstSeenAt));
    const keys = authorKeys(users);
    const authored = await people.authoredDeployments({
      authors: candidates.flatMap(u => keys.get(u.userRef)!),
      to: Math.max(...windows.map(w => w.to)),
      productionEnvironments: this.settings.productionEnvironments,
    });
    // the keys are computed over every User (an email two share names neither): pass them all
    const cohortsOf = windows.map(w => onboardingCohort(users, authored, since, w));
    const groups = group ? await catalog.groupsOfUsers([...new Set(cohortsOf.flat().map(c => c.userRef))]) : undefined;
    return cohortsOf.map((cohort, i) => {
      const org = onboardingFigures(cohort, windows[i]);
      if (!groups) return showOnboarding(org, k);
      const members = cohort.filter(c => groups.get(c.userRef)?.includes(group!));
      return showOnboarding(onboardingFigures(members, windows[i]), k, org.cohort);
    });
  }
}
