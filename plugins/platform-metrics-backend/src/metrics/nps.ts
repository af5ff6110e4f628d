import { OrgNps, TeamNps, npsBand } from '@platform-metrics/plugin-platform-metrics-common';
import { NpsCounts, SurveyPublication } from '../database/PublicationStore';
import { withheld } from '../surveys/anonymity';
import { EligibleDevelopers, eligibleOf, responseRateOf } from './responseRate';

/** An NPS with its sample: counts and score. */
export interface NpsFigure {
  score: number | null;
  n: number;
  promoters: number;
  passives: number;
  detractors: number;
}

/**
 * Net Promoter Score of a set of 0..10 scores: promoters 9-10, passives 7-8,
 * detractors 0-6; `round(100 * (promoters - detractors) / n)` with halves
 * rounded up (`Math.round`); `null` when there are no scores.
 */
export function computeNps(scores: readonly number[]): NpsFigure {
  let promoters = 0;
  let passives = 0;
  let detractors = 0;
  for (const s of scores) {
    if (s >= 9) promoters++;
    else if (s >= 7) passives++;
    else detractors++;
  }
  return fromCounts(promoters, passives, detractors);
}

/** NPS from the three counts (same rounding as {@link computeNps}). */
export function fromCounts(promoters: number, passives: number, detractors: number): NpsFigure {
  const n = promoters + passives + detractors;
  const score = n === 0 ? null : Math.round((100 * (promoters - detractors)) / n) || 0;
  return { score, n, promoters, passives, detractors };
}

/**
 * What every NPS of a summary is read from (metrics.md §8a): the latest
 * publication as of the window's end of each survey up to the current one;
 * answers themselves are never read.
 */
export interface PublishedNps {
  /** The survey running at the end of the window. */
  current: string;
  /** By survey id, ascending. */
  publications: SurveyPublication[];
  /** The reporting groups (Groups of `survey.reportingGroupTypes`). */
  reportingGroups: ReadonlySet<string>;
  /** The minimum k. */
  k: number;
  /** The developers the survey asks, the response rate's denominator (the catalog now). */
  eligible: EligibleDevelopers;
}

/** A published figure, or why it is withheld. */
export type Published = { counts: NpsCounts; withheld: null } | { counts: null; withheld: string };

const n = (c: NpsCounts) => c.promoters + c.passives + c.detractors;

/**
 * The figure of the org (no `group`) or of one group in a publication. A
 * figure is shown only with n >= k; a group only when it is a reporting
 * group released by the publication (and the publication was made with a k
 * no smaller than today's).
 */
export function publishedFigure(
  input: Pick<PublishedNps, 'reportingGroups' | 'k'>,
  publication: SurveyPublication | undefined,
  group?: string,
): Published {
  const { k } = input;
  const hide = (reason: string): Published => ({ counts: null, withheld: reason });
  if (group && !input.reportingGroups.has(group)) return hide(withheld.notReporting);
  if (!publication) return hide(withheld.fewerThan(k));
  if (!group) return n(publication.org) >= k ? { counts: publication.org, withheld: null } : hide(withheld.fewerThan(k));
  if (publication.k < k) return hide(withheld.bySubtraction(k));
  const counts = publication.groups[group];
  if (counts && n(counts) >= k) return { counts, withheld: null };
  if (publication.suppressed.includes(group)) return hide(withheld.bySubtraction(k));
  return hide(withheld.fewerThan(k));
}

/** The org's NPS (or one group's) of the current survey, and its trend over the published surveys. */
export function orgNpsOf(input: PublishedNps, group?: string): OrgNps {
  const pub = input.publications.find(p => p.surveyId === input.current);
  const figure = publishedFigure(input, pub, group);
  const f = figure.counts ? fromCounts(figure.counts.promoters, figure.counts.passives, figure.counts.detractors) : null;
  return {
    surveyId: input.current,
    score: f?.score ?? null,
    n: f?.n ?? null,
    promoters: f?.promoters ?? null,
    passives: f?.passives ?? null,
    detractors: f?.detractors ?? null,
    band: f ? npsBand(f.score) : null,
    withheld: figure.withheld,
    asOf: pub ? new Date(pub.asOf).toISOString() : null,
    // respondents only from a shown published n; every survey against today's eligible developers
    responseRate: responseRateOf(f?.n ?? null, eligibleOf(input.eligible, group)),
    trend: input.publications.map(p => {
      const point = publishedFigure(input, p, group);
      const r = point.counts ? fromCounts(point.counts.promoters, point.counts.passives, point.counts.detractors) : null;
      const rate = responseRateOf(r?.n ?? null, eligibleOf(input.eligible, group));
      return { surveyId: p.surveyId, score: r?.score ?? null, n: r?.n ?? null, withheld: point.withheld, responseRate: rate?.rate ?? null };
    }),
  };
}

/** A team row's NPS of the current survey; `reason` repeats `withheld` (an older field). */
export function teamNpsOf(input: PublishedNps, groupRef: string): TeamNps {
  const pub = input.publications.find(p => p.surveyId === input.current);
  const figure = publishedFigure(input, pub, groupRef);
  if (!figure.counts) return { score: null, n: null, reason: figure.withheld, withheld: figure.withheld, responseRate: null };
  const f = fromCounts(figure.counts.promoters, figure.counts.passives, figure.counts.detractors);
  return { score: f.score, n: f.n, reason: null, withheld: null, responseRate: responseRateOf(f.n, eligibleOf(input.eligible, groupRef)) };
}
