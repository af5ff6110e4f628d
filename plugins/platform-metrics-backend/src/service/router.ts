import { InputError } from '@backstage/errors';
import express from 'express';
import { once } from 'node:events';
import { createMetricsOperations } from '../actions/operations';
import { AnnotationService, ORG as ORG_SCOPE } from '../annotations/AnnotationService';
import { IngestService } from '../ingest/IngestService';
import { normalizeEntityRef } from '../lib/refs';
import { Clock, makeWindow, windowJson } from '../lib/time';
import { ScorecardService } from '../metrics/ScorecardService';
import { createOpenApiRouter } from '../schema/openapi';
import {
  DEFAULT_MAX_FUTURE_SKEW_MINUTES,
  parseInput,
  latestDeploymentQuerySchema,
  metricsQuerySchema,
  exportQuerySchema,
  recordSchemas,
} from '../schema/validation';
import {
  annotationParamsSchema,
  impactQuerySchema,
} from '../schema/annotationValidation';
import { SummaryCache } from '../summaries/SummaryCache';
import { SurveyAdmin } from '../surveys/SurveyAdmin';
import { SurveyService } from '../surveys/SurveyService';
import { WebhookReceiver } from '../webhooks/WebhookReceiver';
import { Provider } from '../webhooks/types';
import { mountAdoptionRoutes } from './adoptionRoutes';
import { RouterAuth } from './auth';
import { INGEST_BODY_LIMIT, SURVEY_BODY_LIMIT, jsonBody } from './bodyLimits';
import { mountOnboardingRoutes } from './onboardingRoutes';
import { mountSurveyRoutes } from './surveyRoutes';
import { mountTargetRoutes } from './targetRoutes';
import { mountPlatformIncidentRoutes } from './platformIncidentRoutes';
import { mountPulseRoutes } from './pulseRoutes';
import { PulseService } from '../pulses/PulseService';
import { PlatformIncidentService } from '../platformIncidents/PlatformIncidentService';
import { CatalogVisibility } from './visibility';
import { PipelineService } from '../pipelines/PipelineService';
import { pipelineRunSchemas } from '../schema/pipelineValidation';
import { CostService, costWindow } from '../costs/CostService';
import { EntityExport } from '../export/EntityExport';
import { costBatchSchema, costQuerySchema } from '../schema/costValidation';
import { requestSchemas } from '../schema/requestValidation';
import { SelfServiceService } from '../selfService/SelfServiceService';
import { TargetService } from '../targets/TargetService';
import { OnboardingService } from '../onboarding/OnboardingService';

export interface RouterOptions {
  auth: RouterAuth;
  ingest: IngestService;
  scorecards: ScorecardService;
  summaries: SummaryCache;
  surveys: SurveyService;
  surveyAdmin: SurveyAdmin;
  /** What each user may see of the catalog: entity-scoped reads of hidden entities answer 404. */
  visibility: Pick<CatalogVisibility, 'assertVisible' | 'filterSummary' | 'filterRows'>;
  pipelines: PipelineService;
  costs: CostService;
  /** The self-service ratio (platform requests). */
  selfService: SelfServiceService;
  /** The ingestion settings (default: timestamps up to a day ahead). */
  settings?: { ingest: { maxFutureSkewMinutes: number } };
  annotations: AnnotationService;
  /** The per-entity CSV export. */
  entityExport: EntityExport;
  webhooks: WebhookReceiver;
  /** The metric targets (`GET /targets`). */
  targets: TargetService;
  /** The platform incident impact (`GET /org/platform-incidents`). */
  platformIncidents: PlatformIncidentService;
  /** The time to onboard a new engineer (`GET /org/onboarding`). */
  onboarding: OnboardingService;
  /** Pulse questions (`POST /pulses`, `/pulses/current`, `GET /org/pulses`). */
  pulses: PulseService;
  clock?: Clock;
}

const parse = parseInput;

/** The entity of an `/entities/{kind}/{namespace}/{name}/...` route, normalised. */
function entityRefOf(params: { kind: string; namespace: string; name: string }): string {
  try {
    return normalizeEntityRef(`${params.kind}:${params.namespace}/${params.name}`);
  } catch (e) {
    throw new InputError(`Invalid entity ref: ${(e as Error).message}`);
  }
}

/** Largest webhook body (GitHub caps its payloads at 25 MB). */
const WEBHOOK_BODY_LIMIT = '25mb';

/** The HTTP API (src/schema/openapi.yaml) on the generated typed router: validates, authorises and calls the services. */
export async function createRouter(options: RouterOptions): Promise<express.Router> {
  const { auth, ingest, scorecards, summaries, surveys, surveyAdmin, visibility, pipelines, costs, annotations, webhooks, entityExport } =
    options;
  const { selfService } = options;
  const clock = options.clock ?? Date.now;
  const skewMs = (options.settings?.ingest.maxFutureSkewMinutes ?? DEFAULT_MAX_FUTURE_SKEW_MINUTES) * 60_000;
  // ingested timestamps: from 2000-01-01 to now (this router's clock) plus the allowed skew
  const { deploymentBatchSchema, incidentBatchSchema, surveyImportBatchSchema } = recordSchemas(() => clock() + skewMs);
  const { pipelineRunBatchSchema } = pipelineRunSchemas(() => clock() + skewMs);
  const { requestBatchSchema } = requestSchemas(() => clock() + skewMs);
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

  // per-route body limits, 413 with the limit in the message: batches of
  // ingestion and imports up to 5 MB, everything else (survey answers) 16 kB
  router.use(['/deployments', '/incidents', '/pipeline-runs', '/costs', '/requests', '/adoption-snapshots', '/survey-responses'], jsonBody(INGEST_BODY_LIMIT));
  // only the batch route: the person's answers keep the 16 kB limit
  router.use('/pulses', express.Router().post('/', jsonBody(INGEST_BODY_LIMIT)));
  router.use(jsonBody(SURVEY_BODY_LIMIT));

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

  router.post('/pipeline-runs', async (req, res) => {
    await auth.ingest(req);
    const body = parse(pipelineRunBatchSchema, req.body);
    res.json(await pipelines.ingest(body.runs));
  });

  router.post('/costs', async (req, res) => {
    await auth.ingest(req);
    const body = parse(costBatchSchema, req.body);
    res.json(await costs.ingest(body.costs));
  });

  router.post('/requests', async (req, res) => {
    await auth.ingest(req);
    const body = parse(requestBatchSchema, req.body);
    res.json(await selfService.ingest(body.requests));
  });

  mountAdoptionRoutes(router, { auth, ingest, clock });

  router.post('/survey-responses', async (req, res) => {
    // its own permission, insert-only, and the caller's subject as origin
    const origin = await auth.surveyImport(req);
    const body = parse(surveyImportBatchSchema, req.body);
    res.json(await ingest.surveyResponses(body.responses, origin));
  });

  // the reads and writes the MCP actions offer too: one implementation, the same checks
  const operations = createMetricsOperations({ auth: auth.checks, visibility, scorecards, summaries, annotations, clock });

  router.get('/entities/:kind/:namespace/:name/scorecard', async (req, res) => {
    const entityRef = entityRefOf(req.params);
    res.json(await operations.getScorecard(await auth.credentials(req), { ...req.query, entityRef }));
  });

  router.get('/entities/:kind/:namespace/:name/deployments/latest', async (req, res) => {
    const credentials = await auth.ingestOrRead(req);
    const query = parse(latestDeploymentQuerySchema, req.query);
    const entityRef = entityRefOf(req.params);
    await visibility.assertVisible(entityRef, credentials);
    res.json(await ingest.latestDeployment(entityRef, query.environment));
  });

  router.get('/entities/:kind/:namespace/:name/pipelines', async (req, res) => {
    const credentials = await auth.read(req);
    const query = parse(metricsQuerySchema.omit({ group: true }), req.query);
    const entityRef = entityRefOf(req.params);
    await visibility.assertVisible(entityRef, credentials);
    res.json(await pipelines.entity(entityRef, makeWindow(query.windowDays, query.to, clock())));
  });

  router.get('/org/pipelines', async (req, res) => {
    const credentials = await auth.read(req);
    const query = parse(metricsQuerySchema, req.query);
    if (query.group) await visibility.assertVisible(query.group, credentials);
    const result = await pipelines.org(makeWindow(query.windowDays, query.to, clock()), query.group);
    res.json({ ...result, teams: await visibility.filterRows(result.teams, t => t.groupRef, credentials) });
  });

  router.get('/entities/:kind/:namespace/:name/costs', async (req, res) => {
    const credentials = await auth.read(req);
    const query = parse(costQuerySchema.omit({ group: true }), req.query);
    const entityRef = entityRefOf(req.params);
    await visibility.assertVisible(entityRef, credentials);
    res.json(await costs.entity(entityRef, costWindow(query.months, query.to, clock())));
  });

  router.get('/org/costs', async (req, res) => {
    const credentials = await auth.read(req);
    const query = parse(costQuerySchema, req.query);
    if (query.group) await visibility.assertVisible(query.group, credentials);
    const result = await costs.org(costWindow(query.months, query.to, clock()), query.group);
    res.json({
      ...result,
      teams: await visibility.filterRows(result.teams, t => t.groupRef, credentials),
      costliest: await visibility.filterRows(result.costliest, c => c.entityRef, credentials),
    });
  });

  router.get('/org/self-service', async (req, res) => {
    const credentials = await auth.read(req);
    const query = parse(metricsQuerySchema, req.query);
    if (query.group) await visibility.assertVisible(query.group, credentials);
    const result = await selfService.org(makeWindow(query.windowDays, query.to, clock()), query.group);
    res.json({ ...result, teams: await visibility.filterRows(result.teams, t => t.groupRef, credentials) });
  });

  router.get('/org/summary', async (req, res) => {
    res.json(await operations.getSummary(await auth.credentials(req), req.query));
  });

  /** The window, scope and (for a user, visible) components of a per-entity read. */
  async function entityRead(req: Parameters<RouterAuth['read']>[0] & { query: unknown }) {
    const credentials = await auth.read(req);
    const query = parse(exportQuerySchema, req.query);
    const scopeRef = query.group ?? query.system ?? query.domain;
    if (scopeRef) await visibility.assertVisible(scopeRef, credentials);
    const window = makeWindow(query.windowDays, query.to, clock());
    const scope = await summaries.scopeOf(query);
    // a user sees only the components the catalog lets them see
    const entities = await visibility.filterRows(await entityExport.entities(scope), e => e.entityRef, credentials);
    return { window, scope, entities };
  }

  router.get('/org/entities', async (req, res) => {
    const { window, scope, entities } = await entityRead(req);
    const rows = [];
    for await (const batch of entityExport.rows(window, entities)) rows.push(...batch);
    res.json({ window: windowJson(window), scope: { type: scope.type, ref: scope.ref }, entities: rows });
  });

  router.get('/export/entities.csv', async (req, res) => {
    const { window, scope, entities } = await entityRead(req);
    const day = (t: number) => new Date(t).toISOString().slice(0, 10);
    res.status(200);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader(
      'Content-Disposition',
      `attachment; filename="platform-metrics-${scope.ref.replace(/[^a-z0-9-]+/g, '-')}-${day(window.from)}-${day(window.to)}.csv"`,
    );
    const chunks = entityExport.csv(window, entities);
    // the first chunk (the header) comes after the first read: a database that is down still answers 503
    const first = await chunks.next();
    try {
      if (!first.done) res.write(first.value);
      for await (const chunk of chunks) {
        if (!res.write(chunk)) await once(res, 'drain');
      }
      res.end();
    } catch (e) {
      // the status line is sent: a failure mid-stream can only cut the download short
      res.destroy(e as Error);
    }
  });

  router.post('/annotations', async (req, res) => {
    const { annotation, created } = await operations.createAnnotation(await auth.credentials(req), req.body);
    res.status(created ? 201 : 200).json(annotation);
  });

  router.get('/annotations', async (req, res) => {
    res.json(await operations.listAnnotations(await auth.credentials(req), req.query));
  });

  router.delete('/annotations/:id', async (req, res) => {
    await auth.annotationsWrite(req);
    const { id } = parse(annotationParamsSchema, req.params);
    await annotations.delete(id);
    res.status(204).end();
  });

  router.get('/annotations/:id/impact', async (req, res) => {
    const credentials = await auth.read(req);
    const { id } = parse(annotationParamsSchema, req.params);
    const query = parse(impactQuerySchema, req.query);
    const impact = await annotations.impact(id, query.days, query.scope);
    // the figures of a group or an entity the caller may not see: 404, as for any hidden entity
    if (impact.scope !== ORG_SCOPE) await visibility.assertVisible(impact.scope, credentials);
    if (impact.annotation.scope !== ORG_SCOPE) await visibility.assertVisible(impact.annotation.scope, credentials);
    res.json(impact);
  });

  mountTargetRoutes(router, { auth, visibility, targets: options.targets });
  mountPlatformIncidentRoutes(router, { auth, visibility, platformIncidents: options.platformIncidents, clock });
  mountOnboardingRoutes(router, { auth, visibility, onboarding: options.onboarding, clock });
  mountPulseRoutes(router, { auth, pulses: options.pulses, clock, skewMs });
  mountSurveyRoutes(router, { auth, visibility, surveys, surveyAdmin, clock });

  return router;
}
