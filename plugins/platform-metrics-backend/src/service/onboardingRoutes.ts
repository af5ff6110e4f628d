import { makeWindow, Clock } from '../lib/time';
import { OnboardingService } from '../onboarding/OnboardingService';
import { createOpenApiRouter } from '../schema/openapi';
import { metricsQuerySchema, parseInput } from '../schema/validation';
import { RouterAuth } from './auth';
import { CatalogVisibility } from './visibility';

/**
 * `GET /org/onboarding?windowDays=&to=&group=` (docs/metrics.md §6d): the
 * time to onboard a new engineer, org-wide or of one Group's members, under
 * the read permission for users and services, as `GET /org/summary`; the
 * `group=` of a Group the user may not see answers 404. Only aggregates,
 * withheld below `survey.minGroupSize` people.
 */
export function mountOnboardingRoutes(
  router: Awaited<ReturnType<typeof createOpenApiRouter>>,
  options: {
    auth: Pick<RouterAuth, 'read'>;
    visibility: Pick<CatalogVisibility, 'assertVisible'>;
    onboarding: Pick<OnboardingService, 'org'>;
    clock: Clock;
  },
) {
  const { auth, visibility, onboarding, clock } = options;
  router.get('/org/onboarding', async (req, res) => {
    const credentials = await auth.read(req);
    const query = parseInput(metricsQuerySchema, req.query);
    if (query.group) await visibility.assertVisible(query.group, credentials);
    res.json(await onboarding.org(makeWindow(query.windowDays, query.to, clock()), query.group));
  });
}
