import { z } from 'zod';
import { createOpenApiRouter } from '../schema/openapi';
import { parseInput, timestamp } from '../schema/validation';
import { TargetService } from '../targets/TargetService';
import { RouterAuth } from './auth';
import { CatalogVisibility } from './visibility';

/** Query of `GET /targets`. */
export const targetsQuerySchema = z.strictObject({ to: timestamp.optional() });

/**
 * `GET /targets` (docs/metrics.md §12): the read permission, for users and
 * services, as `GET /org/summary`; a user gets only the targets of the org
 * and of the Groups, Systems and Domains the catalog lets them see.
 */
export function mountTargetRoutes(
  router: Awaited<ReturnType<typeof createOpenApiRouter>>,
  options: {
    auth: Pick<RouterAuth, 'read'>;
    visibility: Pick<CatalogVisibility, 'filterRows'>;
    targets: Pick<TargetService, 'configured' | 'evaluate'>;
  },
) {
  const { auth, visibility, targets } = options;
  router.get('/targets', async (req, res) => {
    const credentials = await auth.read(req);
    const query = parseInput(targetsQuerySchema, req.query);
    const configured = targets.configured();
    // hidden scopes are left out before anything is computed for them
    const scoped = await visibility.filterRows(
      configured.filter(t => t.scope !== 'org'),
      t => t.scope,
      credentials,
    );
    const visible = configured.filter(t => t.scope === 'org' || scoped.includes(t));
    res.json({ targets: await targets.evaluate(visible, query.to) });
  });
}
