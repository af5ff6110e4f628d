import {
  AdoptionCohort,
  AdoptionSplit,
  ComparedFigure,
  Comparison,
  OrgNps,
} from '@platform-metrics/plugin-platform-metrics-common';
import { EntityRow } from '../database/CatalogStore';
import { Window, windowJson } from '../lib/time';
import { DoraSettings, EntityFacts, summarise } from './dora';
import { LOWER_IS_BETTER } from './direction';
import { ALPHA, changeBetween, compareImpact, ImpactMetrics } from './impact';
import { ttfdCohort } from './ttfd';

/**
 * A summary's comparison with a reference period and its split by
 * golden-path status (docs/metrics.md §9, §10). Pure: the summary service
 * reads both periods' rollups, first deployments and NPS publications.
 */

/** What one period of a scope is compared from. */
export interface PeriodFacts {
  window: Window;
  facts: Map<string, EntityFacts>;
  firsts: Map<string, number>;
  nps?: OrgNps;
}

export interface ComparisonInput {
  against: Comparison['against'];
  label: string;
  /** The scope's components, as the catalog says now. */
  entities: EntityRow[];
  installedAt: number | undefined;
  current: PeriodFacts;
  reference: PeriodFacts;
  settings: DoraSettings;
}

const daysOf = (entities: EntityRow[], period: PeriodFacts) =>
  entities.flatMap(e => period.facts.get(e.entityRef)?.days ?? []);

/** The DORA metrics of `entities` in the window against the reference period, pooled. */
function doraAgainst(input: ComparisonInput, entities: EntityRow[]): ImpactMetrics {
  const { current, reference, settings } = input;
  return compareImpact(
    daysOf(entities, reference),
    daysOf(entities, current),
    { before: reference.window, after: current.window, complete: true },
    settings.minSamples,
  );
}

function figure(
  before: { value: number | null; n: number | null },
  after: { value: number | null; n: number | null },
  lowerIsBetter: boolean,
  insufficientData: boolean,
): ComparedFigure {
  return { before, after, ...changeBetween(before.value, after.value, lowerIsBetter), insufficientData };
}

/** The TTFD median of each period's creation cohort: lower is better. */
function ttfdAgainst(input: ComparisonInput, entities: EntityRow[]): ComparedFigure {
  const cohort = (p: PeriodFacts) => ttfdCohort(entities, p.firsts, input.installedAt, p.window);
  const before = cohort(input.reference);
  const after = cohort(input.current);
  const { minSamples } = input.settings;
  return figure(
    { value: before.median, n: before.n },
    { value: after.median, n: after.n },
    LOWER_IS_BETTER.timeToFirstDeploy,
    before.n < minSamples || after.n < minSamples,
  );
}

/** The published NPS as of each period's end: higher is better; a withheld figure compares as nothing. */
function npsAgainst(before: OrgNps, after: OrgNps): ComparedFigure {
  return figure(
    { value: before.score, n: before.n },
    { value: after.score, n: after.n },
    LOWER_IS_BETTER.nps,
    before.score === null || after.score === null,
  );
}

/** The `comparison` block of a summary. */
export function compareSummary(input: ComparisonInput): Comparison {
  return {
    against: input.against,
    label: input.label,
    reference: windowJson(input.reference.window),
    minSamples: input.settings.minSamples,
    alpha: ALPHA,
    metrics: doraAgainst(input, input.entities),
    timeToFirstDeploy: ttfdAgainst(input, input.entities),
    ...(input.current.nps && input.reference.nps && { nps: npsAgainst(input.reference.nps, input.current.nps) }),
  };
}

export const SPLIT_CAPTION = 'correlation, not causation';
const COHORTS: AdoptionCohort['status'][] = ['adopted', 'not-adopted', 'exception'];

/**
 * The scope's eligible entities by golden-path status, each cohort pooled
 * as a scope is, with its n (entities) and, given a reference period, its
 * DORA metrics against it.
 */
export function splitByAdoption(args: {
  entities: EntityRow[];
  installedAt: number | undefined;
  current: PeriodFacts;
  settings: DoraSettings;
  comparison?: ComparisonInput;
}): AdoptionSplit {
  const { current, settings } = args;
  return {
    by: 'adoption',
    caption: SPLIT_CAPTION,
    cohorts: COHORTS.map(status => {
      const members = args.entities.filter(e => e.adoptionStatus === status);
      const facts = members.map(e => current.facts.get(e.entityRef) ?? { entityRef: e.entityRef, days: [], open: 0 });
      const dora = summarise(facts, current.window, settings);
      return {
        status,
        entities: members.length,
        dora,
        deploymentFrequencyPerEntity: members.length ? dora.deploymentFrequency.perDay / members.length : null,
        timeToFirstDeploy: ttfdCohort(members, current.firsts, args.installedAt, current.window),
        ...(args.comparison && { comparison: doraAgainst(args.comparison, members) }),
      };
    }),
  };
}
