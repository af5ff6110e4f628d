import { NpsResult, OrgNps, npsBand } from '@platform-metrics/plugin-platform-metrics-common';
import { SurveyResponseRow, SurveyScoreCount } from '../database/SurveyStore';

/**
 * Net Promoter Score of a set of 0..10 scores: promoters 9-10, passives 7-8,
 * detractors 0-6; `round(100 * (promoters - detractors) / n)` with halves
 * rounded up (`Math.round`); `null` when there are no scores.
 */
export function computeNps(scores: readonly number[]): NpsResult {
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

/**
 * NPS from the three counts (same rounding as {@link computeNps}).
 */
export function fromCounts(
  promoters: number,
  passives: number,
  detractors: number,
): NpsResult {
  const n = promoters + passives + detractors;
  const score =
    n === 0 ? null : Math.round((100 * (promoters - detractors)) / n) || 0;
  return { score, n, promoters, passives, detractors };
}

/** What the NPS of a scope is computed from (see {@link npsOf}). */
export interface NpsInput {
  /** The survey running at the end of the window. */
  current: string;
  /** Answers per survey and score, up to the current survey. */
  counts: SurveyScoreCount[];
  /** The current survey's answers, with their groups. */
  currentRows: SurveyResponseRow[];
}

/**
 * NPS of the current survey (org-wide or of one group), its trend over the
 * surveys up to it, and per-group scores of the current survey.
 */
export function npsOf({ current, counts, currentRows }: NpsInput): {
  org: OrgNps;
  groups: Map<string, NpsResult>;
} {
  const bySurvey = new Map<string, number[]>();
  for (const c of counts) {
    let list = bySurvey.get(c.surveyId);
    if (!list) bySurvey.set(c.surveyId, (list = []));
    for (let i = 0; i < c.n; i++) list.push(c.score);
  }
  const currentNps = computeNps(bySurvey.get(current) ?? []);
  const groups = new Map<string, number[]>();
  for (const r of currentRows) {
    for (const g of r.groups) {
      const list = groups.get(g) ?? [];
      list.push(r.score);
      groups.set(g, list);
    }
  }
  return {
    org: {
      surveyId: current,
      ...currentNps,
      band: npsBand(currentNps.score),
      trend: [...bySurvey.keys()].sort().map(surveyId => {
        const r = computeNps(bySurvey.get(surveyId)!);
        return { surveyId, score: r.score, n: r.n };
      }),
    },
    groups: new Map([...groups.entries()].map(([g, scores]) => [g, computeNps(scores)])),
  };
}

/** The NPS input of the org or any group, counted from all answers at once. */
export function npsInputFromRows(current: string, all: SurveyResponseRow[]) {
  return (group?: string): NpsInput => {
    const counts = new Map<string, SurveyScoreCount>();
    const currentRows: SurveyResponseRow[] = [];
    for (const r of all) {
      if (r.surveyId > current || (group && !r.groups.includes(group))) continue;
      const key = `${r.surveyId} ${r.score}`;
      const c = counts.get(key);
      if (c) c.n++;
      else counts.set(key, { surveyId: r.surveyId, score: r.score, n: 1 });
      if (r.surveyId === current) currentRows.push(r);
    }
    return { current, counts: [...counts.values()], currentRows };
  };
}
