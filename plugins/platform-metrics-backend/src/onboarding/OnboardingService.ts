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
    const { people, catalog } = this.stores;
    const k = this.settings.survey.minGroupSize;
    const [users, installedAt, usersSyncedAt] = await Promise.all([
      people.listUsers(),
      catalog.getInstalledAt(),
      people.getFirstSyncedAt(),
    ]);
    // first sightings count from the later of the installation and the first sync of Users
    const since = installedAt !== undefined && usersSyncedAt !== undefined ? Math.max(installedAt, usersSyncedAt) : undefined;
    // only the Users who may start in the window need their deployments read
    const candidates = users.filter(u => {
      const at = u.annotatedStartAt ?? u.firstSeenAt;
      return at >= window.from && at < window.to;
    });
    const keys = authorKeys(users);
    const authored = await people.authoredDeployments({
      authors: candidates.flatMap(u => keys.get(u.userRef)!),
      to: window.to,
      productionEnvironments: this.settings.productionEnvironments,
    });
    // the keys are computed over every User (an email two share names neither): pass them all
    const cohort = onboardingCohort(users, authored, since, window);
    const org = onboardingFigures(cohort, window);
    let shown = showOnboarding(org, k);
    if (group) {
      const groups = await catalog.groupsOfUsers(cohort.map(c => c.userRef));
      const members = cohort.filter(c => groups.get(c.userRef)?.includes(group));
      shown = showOnboarding(onboardingFigures(members, window), k, org.cohort);
    }
    return {
      window: windowJson(window),
      group: group ?? null,
      minGroupSize: k,
      target: ONBOARDING_TARGET_SECONDS,
      ...shown,
    };
  }
}
