import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { Annotation, EntityScorecard, OrgSummary } from '@platform-metrics/plugin-platform-metrics-common';
import { AnnotationService, ORG as ORG_SCOPE } from '../annotations/AnnotationService';
import { Clock, makeWindow } from '../lib/time';
import { ScorecardService } from '../metrics/ScorecardService';
import { annotationListQuerySchema, annotationSchema } from '../schema/annotationValidation';
import { entityRef, parseInput, scorecardQuerySchema, summaryQuerySchema } from '../schema/validation';
import { CredentialsAuth } from '../service/auth';
import { CatalogVisibility } from '../service/visibility';
import { SummaryCache } from '../summaries/SummaryCache';

/** What the operations are made of: the services and checks the HTTP routes use. */
export interface MetricsOperationsOptions {
  /** The principal and permission checks of the routes, on credentials in hand. */
  auth: Pick<CredentialsAuth, 'read' | 'annotationsWrite'>;
  /** What each user may see of the catalog: hidden entities are not found. */
  visibility: Pick<CatalogVisibility, 'assertVisible' | 'filterSummary' | 'filterRows'>;
  scorecards: Pick<ScorecardService, 'getScorecard'>;
  summaries: Pick<SummaryCache, 'scopeOf' | 'getOrgSummary'>;
  annotations: Pick<AnnotationService, 'list' | 'put'>;
  clock?: Clock;
}

/** The scorecard query with the entity as a ref instead of path parameters (kind defaults to component). */
const scorecardInputSchema = scorecardQuerySchema.extend({ entityRef });

const parse = parseInput;

/**
 * The reads and writes the actions offer, each authorised, validated and
 * answered as its HTTP route (src/service/router.ts) is: the same principal
 * and permission checks (`createCredentialsAuth`), the same zod schemas, the
 * same catalog visibility (a hidden entity is not found, a summary and an
 * annotation list leave out what the caller may not see) and the same
 * services. Inputs are the routes' queries and bodies as JSON values.
 */
export function createMetricsOperations(options: MetricsOperationsOptions) {
  const { auth, visibility, scorecards, summaries, annotations } = options;
  const clock = options.clock ?? Date.now;

  return {
    /** As `GET /entities/{kind}/{namespace}/{name}/scorecard`. */
    async getScorecard(credentials: BackstageCredentials, input: unknown): Promise<EntityScorecard> {
      await auth.read(credentials);
      const query = parse(scorecardInputSchema, input);
      await visibility.assertVisible(query.entityRef, credentials);
      return scorecards.getScorecard(query.entityRef, makeWindow(query.windowDays, query.to, clock()), query.compare);
    },

    /** As `GET /org/summary`. */
    async getSummary(credentials: BackstageCredentials, input: unknown): Promise<OrgSummary> {
      await auth.read(credentials);
      const query = parse(summaryQuerySchema, input);
      const scopeRef = query.group ?? query.system ?? query.domain;
      if (scopeRef) await visibility.assertVisible(scopeRef, credentials);
      // without `to`, the current window: a servable precomputed summary may answer
      const window = makeWindow(query.windowDays, query.to, clock());
      const summary = await summaries.getOrgSummary(window, await summaries.scopeOf(query), {
        current: !query.to,
        compare: query.compare,
        split: query.split,
      });
      // the stored summary is everyone's: each caller sees only the teams and systems they may see
      return visibility.filterSummary(summary, credentials);
    },

    /** As `GET /annotations`. */
    async listAnnotations(credentials: BackstageCredentials, input: unknown): Promise<{ annotations: Annotation[] }> {
      await auth.read(credentials);
      const query = parse(annotationListQuerySchema, input);
      if (query.scope && query.scope !== ORG_SCOPE) await visibility.assertVisible(query.scope, credentials);
      const list = await annotations.list(query);
      // annotations scoped to a group or an entity the caller may not see are left out
      const scoped = await visibility.filterRows(list.filter(a => a.scope !== ORG_SCOPE), a => a.scope, credentials);
      return { annotations: list.filter(a => a.scope === ORG_SCOPE || scoped.includes(a)) };
    },

    /** As `POST /annotations`: creates, or replaces the annotation of the same `id`. */
    async createAnnotation(
      credentials: BackstageCredentials,
      input: unknown,
    ): Promise<{ annotation: Annotation; created: boolean }> {
      const writer = await auth.annotationsWrite(credentials);
      return annotations.put(parse(annotationSchema, input), writer);
    },
  };
}

export type MetricsOperations = ReturnType<typeof createMetricsOperations>;
