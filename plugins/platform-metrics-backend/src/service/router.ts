import { InputError } from '@backstage/errors';
import express from 'express';
import { z } from 'zod';
import { IngestService } from '../ingest/IngestService';
import { normalizeEntityRef } from '../lib/refs';
import { Clock, makeWindow } from '../lib/time';
import { ScorecardService } from '../metrics/ScorecardService';
import { createOpenApiRouter } from '../schema/openapi';
import {
  deploymentBatchSchema,
  formatIssues,
  incidentBatchSchema,
  latestDeploymentQuerySchema,
  metricsQuerySchema,
  surveyIdSchema,
  surveyImportBatchSchema,
  surveyResponseSchema,
} from '../schema/validation';
import { surveyErasureQuerySchema } from '../schema/surveyAdminValidation';
import { SummaryCache } from '../summaries/SummaryCache';
import { SurveyAdmin } from '../surveys/SurveyAdmin';
import { SurveyService } from '../surveys/SurveyService';
import { WebhookReceiver } from '../webhooks/WebhookReceiver';
import { Provider } from '../webhooks/types';
import { RouterAuth } from './auth';

export interface RouterOptions {
  auth: RouterAuth;
  ingest: IngestService;
  scorecards: ScorecardService;
  summaries: SummaryCache;
  surveys: SurveyService;
  surveyAdmin: SurveyAdmin;
  webhooks: WebhookReceiver;
  clock?: Clock;
}

function parse<T extends z.ZodType>(schema: T, value: unknown): z.output<T> {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new InputError(`Invalid request: ${formatIssues(result.error.issues)}`);
  }
  return result.data;
}

/** The entity of an `/entities/{kind}/{namespace}/{name}/...` route, normalised. */
function entityRefOf(params: { kind: string; namespace: string; name: string }): string {
  try {
    return normalizeEntityRef(`${params.kind}:${params.namespace}/${params.name}`);
  } catch (e) {
    throw new InputError(`Invalid entity ref: ${(e as Error).message}`);
  }
}

/** Largest JSON body: 1000 deployments with their changes fit comfortably. */
const BODY_LIMIT = '20mb';
/** Largest webhook body (GitHub caps its payloads at 25 MB). */
const WEBHOOK_BODY_LIMIT = '25mb';

/** The HTTP API (src/schema/openapi.yaml) on the generated typed router: validates, authorises and calls the services. */
export async function createRouter(options: RouterOptions): Promise<express.Router> {
  const { auth, ingest, scorecards, summaries, surveys, surveyAdmin, webhooks } = options;
  const clock = options.clock ?? Date.now;
  const router = await createOpenApiRouter({
    validatorOptions: {
      // zod validates bodies, queries and path parameters below, with messages
      // that name the item and the field (`deployments[3].finishedAt: ...`);
      // the spec's validation would answer first with its own, so it is off.
      // The spec states the same limits (src/schema/openapiAgreement.test.ts).
      validateRequests: false,
      // credentials are the httpAuth service's to check (401 and 403)
      validateSecurity: false,
    },
    // instead of the default `express.json()` (100kb): the body is parsed
    // below, after the validator's error translation, so that bad JSON keeps
    // its 400 and a body over the limit its 413
    middleware: [(_req, _res, next) => next()],
  });
  // Webhooks keep the raw body, as signed: parsed here, before the JSON parser below
  const raw = express.raw({ type: () => true, limit: WEBHOOK_BODY_LIMIT });
  const receive = (provider: Provider) => async (req: express.Request, res: express.Response) => {
    const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const answer = await webhooks.receive(provider, req.headers, body);
    res.status(answer.status).json(answer.body);
  };
  router.post('/webhooks/github', raw, receive('github'));
  router.post('/webhooks/gitlab', raw, receive('gitlab'));
  router.post('/webhooks/pagerduty', raw, receive('pagerduty'));
  router.post('/webhooks/argocd', raw, receive('argocd'));

  router.use(express.json({ limit: BODY_LIMIT }));

  router.get('/integrations/status', async (req, res) => {
    await auth.integrationsRead(req);
    res.json(await webhooks.status());
  });

  router.post('/deployments', async (req, res) => {
    await auth.ingest(req);
    const body = parse(deploymentBatchSchema, req.body);
    res.json(await ingest.deployments(body.deployments));
  });

  router.post('/incidents', async (req, res) => {
    await auth.ingest(req);
    const body = parse(incidentBatchSchema, req.body);
    res.json(await ingest.incidents(body.incidents));
  });

  router.post('/survey-responses', async (req, res) => {
    // its own permission, insert-only, and the caller's subject as origin
    const origin = await auth.surveyImport(req);
    const body = parse(surveyImportBatchSchema, req.body);
    res.json(await ingest.surveyResponses(body.responses, origin));
  });

  router.get('/entities/:kind/:namespace/:name/scorecard', async (req, res) => {
    await auth.read(req);
    const query = parse(metricsQuerySchema.omit({ group: true }), req.query);
    const entityRef = entityRefOf(req.params);
    res.json(await scorecards.getScorecard(entityRef, makeWindow(query.windowDays, query.to, clock())));
  });

  router.get('/entities/:kind/:namespace/:name/deployments/latest', async (req, res) => {
    await auth.ingestOrRead(req);
    const query = parse(latestDeploymentQuerySchema, req.query);
    res.json(await ingest.latestDeployment(entityRefOf(req.params), query.environment));
  });

  router.get('/org/summary', async (req, res) => {
    await auth.read(req);
    const query = parse(metricsQuerySchema, req.query);
    // without `to`, the current window: a servable precomputed summary may answer
    const window = makeWindow(query.windowDays, query.to, clock());
    res.json(await summaries.getOrgSummary(window, query.group, { current: !query.to }));
  });

  router.get('/surveys/current', async (req, res) => {
    res.json(await surveys.getCurrent(await auth.userRef(req)));
  });

  router.post('/surveys/current/responses', async (req, res) => {
    const user = await auth.userRef(req);
    const body = parse(surveyResponseSchema, req.body);
    res.json(await surveys.respond(user, body));
  });

  router.post('/surveys/current/snooze', async (req, res) => {
    res.json(await surveys.snooze(await auth.userRef(req)));
  });

  router.delete('/surveys/responses', async (req, res) => {
    await auth.surveyAdmin(req);
    const query = parse(surveyErasureQuerySchema, req.query);
    res.json(await surveyAdmin.erase(query.userRef));
  });

  router.get('/surveys/:surveyId/comments', async (req, res) => {
    await auth.comments(req);
    const params = parse(z.object({ surveyId: surveyIdSchema }), req.params);
    const query = parse(metricsQuerySchema.pick({ group: true }), req.query);
    res.json(await surveys.comments(params.surveyId, query.group));
  });

  return router;
}
