import { NotAllowedError } from '@backstage/errors';
import { platformMetricsSurveyImportPermission } from '@platform-metrics/plugin-platform-metrics-common';
import { Clock, makeWindow } from '../lib/time';
import { PulseService } from '../pulses/PulseService';
import { pulseAnswerSchema, pulseDismissSchema, pulseParamsSchema, pulseSchemas } from '../pulses/pulseValidation';
import { createOpenApiRouter } from '../schema/openapi';
import { metricsQuerySchema, parseInput } from '../schema/validation';
import { RouterAuth } from './auth';

/**
 * Pulse questions (docs/metrics.md, "Pulse questions"):
 * - `POST /pulses`: services only, with the ingest permission (a user's token gets 403);
 *   a batch with imported answers also needs the survey import permission;
 * - `GET /pulses/current`, `POST /pulses/current/{id}/response` and
 *   `.../dismiss`: user credentials only, the user from the token;
 * - `GET /org/pulses?windowDays=&to=`: the read permission, users and services.
 */
export function mountPulseRoutes(
  router: Awaited<ReturnType<typeof createOpenApiRouter>>,
  options: {
    auth: Pick<RouterAuth, 'ingest' | 'read' | 'userRef' | 'checks'>;
    pulses: Pick<PulseService, 'ingest' | 'current' | 'answer' | 'dismiss' | 'org'>;
    clock: Clock;
    /** How far past now an ingested timestamp may be (ms). */
    skewMs: number;
  },
) {
  const { auth, pulses, clock, skewMs } = options;
  const { pulseBatchSchema } = pulseSchemas(() => clock() + skewMs, clock);

  router.post('/pulses', async (req, res) => {
    const credentials = await auth.ingest(req);
    const body = parseInput(pulseBatchSchema, req.body);
    const answered = body.pulses.findIndex(p => p.answer);
    if (answered >= 0) {
      // past answers from another tool are an import, as survey answers are: its own permission
      await auth.checks.authorize(credentials, platformMetricsSurveyImportPermission).catch(e => {
        throw e instanceof NotAllowedError
          ? new NotAllowedError(
              `pulses[${answered}].answer: importing an answer needs the permission ${platformMetricsSurveyImportPermission.name}`,
            )
          : e;
      });
    }
    res.json(await pulses.ingest(body.pulses));
  });

  router.get('/pulses/current', async (req, res) => {
    res.json(await pulses.current(await auth.userRef(req)));
  });

  router.post('/pulses/current/:id/response', async (req, res) => {
    const user = await auth.userRef(req);
    const { id } = parseInput(pulseParamsSchema, req.params);
    const body = parseInput(pulseAnswerSchema, req.body);
    res.json(await pulses.answer(user, id, body.value));
  });

  router.post('/pulses/current/:id/dismiss', async (req, res) => {
    const user = await auth.userRef(req);
    const { id } = parseInput(pulseParamsSchema, req.params);
    parseInput(pulseDismissSchema, req.body ?? {});
    res.json(await pulses.dismiss(user, id));
  });

  router.get('/org/pulses', async (req, res) => {
    await auth.read(req);
    const query = parseInput(metricsQuerySchema.omit({ group: true }), req.query);
    res.json(await pulses.org(makeWindow(query.windowDays, query.to, clock())));
  });
}
