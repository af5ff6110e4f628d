import {
  BackstageCredentials,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError } from '@backstage/errors';
import { BasicPermission } from '@backstage/plugin-permission-common';
import {
  deploymentBatchSchema,
  formatIssues,
  incidentBatchSchema,
  metricsQuerySchema,
  normalizeEntityRef,
  platformMetricsCommentsReadPermission,
  platformMetricsIngestPermission,
  platformMetricsReadPermission,
  surveyIdSchema,
  surveyImportBatchSchema,
  surveyResponseSchema,
} from '@platform-metrics/plugin-platform-metrics-common';
import express from 'express';
import { z } from 'zod';
import { MetricsStore } from '../database/MetricsStore';
import { createOpenApiRouter } from '../schema/openapi';
import { MetricsService, makeWindow } from '../services/MetricsService';
import { SurveyService } from '../services/SurveyService';

export interface RouterOptions {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  store: MetricsStore;
  metrics: MetricsService;
  surveys: SurveyService;
}

function parse<T extends z.ZodType>(schema: T, value: unknown): z.output<T> {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new InputError(`Invalid request: ${formatIssues(result.error.issues)}`);
  }
  return result.data;
}

/** A request of any route of the typed router, as httpAuth takes it. */
type AnyRequest = Parameters<HttpAuthService['credentials']>[0];

/** Largest JSON body: 1000 deployments with their changes fit comfortably. */
const BODY_LIMIT = '20mb';

export async function createRouter(options: RouterOptions): Promise<express.Router> {
  const { httpAuth, permissions, store, metrics, surveys } = options;
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
  router.use(express.json({ limit: BODY_LIMIT }));

  async function authorize(credentials: BackstageCredentials, permission: BasicPermission) {
    const [decision] = await permissions.authorize([{ permission }], { credentials });
    if (decision.result !== 'ALLOW') {
      throw new NotAllowedError(`Missing permission ${permission.name}`);
    }
  }

  /** Ingestion takes service or external-access credentials only. */
  async function ingestCredentials(req: AnyRequest) {
    const credentials = await httpAuth.credentials(req, { allow: ['service'] });
    await authorize(credentials, platformMetricsIngestPermission);
  }

  router.post('/deployments', async (req, res) => {
    await ingestCredentials(req);
    const body = parse(deploymentBatchSchema, req.body);
    res.json(await store.upsertDeployments(body.deployments));
  });

  router.post('/incidents', async (req, res) => {
    await ingestCredentials(req);
    const body = parse(incidentBatchSchema, req.body);
    res.json(await store.upsertIncidents(body.incidents));
  });

  router.post('/survey-responses', async (req, res) => {
    await ingestCredentials(req);
    const body = parse(surveyImportBatchSchema, req.body);
    res.json(await surveys.importResponses(body.responses));
  });

  async function readCredentials(req: AnyRequest) {
    const credentials = await httpAuth.credentials(req, { allow: ['user', 'service'] });
    await authorize(credentials, platformMetricsReadPermission);
    return credentials;
  }

  const windowOf = (query: { windowDays: number; to?: string }) =>
    query.to ? makeWindow(query.windowDays, query.to) : metrics.currentWindow(query.windowDays);

  router.get('/entities/:kind/:namespace/:name/scorecard', async (req, res) => {
    await readCredentials(req);
    const query = parse(metricsQuerySchema.omit({ group: true }), req.query);
    let entityRef: string;
    try {
      entityRef = normalizeEntityRef(
        `${req.params.kind}:${req.params.namespace}/${req.params.name}`,
      );
    } catch (e) {
      throw new InputError(`Invalid entity ref: ${(e as Error).message}`);
    }
    res.json(await metrics.getScorecard(entityRef, windowOf(query)));
  });

  router.get('/org/summary', async (req, res) => {
    await readCredentials(req);
    const query = parse(metricsQuerySchema, req.query);
    // without `to`, the current window: a fresh precomputed summary may answer
    res.json(await metrics.getOrgSummary(windowOf(query), query.group, { current: !query.to }));
  });

  async function userRef(req: AnyRequest) {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    return credentials.principal.userEntityRef.toLocaleLowerCase('en-US');
  }

  router.get('/surveys/current', async (req, res) => {
    res.json(await surveys.getCurrent(await userRef(req)));
  });

  router.post('/surveys/current/responses', async (req, res) => {
    const user = await userRef(req);
    const body = parse(surveyResponseSchema, req.body);
    res.json(await surveys.respond(user, body));
  });

  router.post('/surveys/current/snooze', async (req, res) => {
    res.json(await surveys.snooze(await userRef(req)));
  });

  router.get('/surveys/:surveyId/comments', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user', 'service'] });
    await authorize(credentials, platformMetricsCommentsReadPermission);
    const params = parse(z.object({ surveyId: surveyIdSchema }), req.params);
    const query = parse(metricsQuerySchema.pick({ group: true }), req.query);
    res.json(await surveys.comments(params.surveyId, query.group));
  });

  return router;
}
