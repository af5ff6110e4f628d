import { Clock, makeWindow } from '../lib/time';
import { PlatformIncidentService } from '../platformIncidents/PlatformIncidentService';
import { createOpenApiRouter } from '../schema/openapi';
import { metricsQuerySchema, parseInput } from '../schema/validation';
import { RouterAuth } from './auth';
import { CatalogVisibility } from './visibility';

/** Query of `GET /org/platform-incidents`: a window, org-wide only. */
export const platformIncidentsQuerySchema = metricsQuerySchema.omit({ group: true });

/**
 * `GET /org/platform-incidents` (docs/metrics.md §14): the read permission,
 * for users and services, as `GET /org/summary`. The totals, quarters and
 * weeks are org-level aggregates over every platform incident; a user's
 * costliest incidents are only those on entities the catalog lets them see.
 */
export function mountPlatformIncidentRoutes(
  router: Awaited<ReturnType<typeof createOpenApiRouter>>,
  options: {
    auth: Pick<RouterAuth, 'read'>;
    visibility: Pick<CatalogVisibility, 'filterRows'>;
    platformIncidents: Pick<PlatformIncidentService, 'report'>;
    clock: Clock;
  },
) {
  const { auth, visibility, platformIncidents, clock } = options;
  router.get('/org/platform-incidents', async (req, res) => {
    const credentials = await auth.read(req);
    const query = parseInput(platformIncidentsQuerySchema, req.query);
    const window = makeWindow(query.windowDays, query.to, clock());
    res.json(await platformIncidents.report(window, rows => visibility.filterRows(rows, r => r.entityRef, credentials)));
  });
}
