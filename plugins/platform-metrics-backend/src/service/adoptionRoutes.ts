import { IngestService } from '../ingest/IngestService';
import { Clock, isoDay } from '../lib/time';
import { createOpenApiRouter } from '../schema/openapi';
import { adoptionSnapshotSchemas } from '../schema/adoptionSnapshotValidation';
import { parseInput } from '../schema/validation';
import { RouterAuth } from './auth';

/** The plugin's typed router (src/schema/openapi.yaml). */
type ApiRouter = Awaited<ReturnType<typeof createOpenApiRouter>>;

/**
 * `POST /adoption-snapshots`: imports past daily adoption snapshots
 * (metrics.md §6) under the ingest permission, service or external-access
 * credentials only; days from 2000-01-01 to today by the router's clock.
 * The body limit is the ingestion batches' (router.ts).
 */
export function mountAdoptionRoutes(
  router: ApiRouter,
  deps: { auth: RouterAuth; ingest: IngestService; clock: Clock },
) {
  const { adoptionSnapshotBatchSchema } = adoptionSnapshotSchemas(() =>
    isoDay(deps.clock()),
  );

  router.post('/adoption-snapshots', async (req, res) => {
    await deps.auth.ingest(req);
    const body = parseInput(adoptionSnapshotBatchSchema, req.body);
    res.json(await deps.ingest.adoptionSnapshots(body.snapshots));
  });
}
