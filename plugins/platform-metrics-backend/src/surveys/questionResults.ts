import {
  SPACE_DIMENSIONS,
  SpaceDimensionResult,
  SurveyQuestionFigure,
  SurveyQuestionResult,
  SurveyQuestionResults,
} from '@platform-metrics/plugin-platform-metrics-common';
import { Distribution, SurveyPublication } from '../database/PublicationStore';
import { withheld } from './anonymity';
import { AgreementQuestion } from './questionConfig';

/*
 * What a reader sees of the agreement questions (metrics.md §18): only
 * published figures, under the NPS figures' rules (§8a). Pure.
 */

export interface QuestionResultsInput {
  /** The survey running at `to`. */
  current: string;
  /** The latest publication as of `to` of each survey up to the current one, by survey id ascending. */
  publications: SurveyPublication[];
  questions: AgreementQuestion[];
  reportingGroups: ReadonlySet<string>;
  k: number;
}

type Figure = { distribution: Distribution; withheld: null } | { distribution: null; withheld: string };

const total = (d: Distribution) => d[0] + d[1] + d[2] + d[3] + d[4];
const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

/** A question's figure of the org (no group) or of one group in a publication, or why it is withheld. */
export function questionFigure(
  input: Pick<QuestionResultsInput, 'reportingGroups' | 'k'>,
  publication: SurveyPublication | undefined,
  id: string,
  group?: string,
): Figure {
  const { k } = input;
  const hide = (reason: string): Figure => ({ distribution: null, withheld: reason });
  if (group && !input.reportingGroups.has(group)) return hide(withheld.notReporting);
  const q = publication?.questions?.[id];
  if (!publication || !q) return hide(withheld.fewerThan(k));
  if (!group) return total(q.org) >= k ? { distribution: q.org, withheld: null } : hide(withheld.fewerThan(k));
  if (publication.k < k) return hide(withheld.bySubtraction(k));
  const d = q.groups[group];
  if (d && total(d) >= k) return { distribution: d, withheld: null };
  if (q.suppressed.includes(group)) return hide(withheld.bySubtraction(k));
  return hide(withheld.fewerThan(k));
}

/** n, the favourable share (answers of 4 or 5) and the mean of a distribution. */
export function statsOf(d: Distribution | null): { n: number | null; favourable: number | null; mean: number | null } {
  if (!d) return { n: null, favourable: null, mean: null };
  const n = total(d);
  if (n === 0) return { n: 0, favourable: null, mean: null };
  const sum = d.reduce((acc, count, i) => acc + count * (i + 1), 0);
  return { n, favourable: round((d[3] + d[4]) / n, 4), mean: round(sum / n, 2) };
}

function figureOf(input: QuestionResultsInput, p: SurveyPublication, id: string, group?: string): SurveyQuestionFigure {
  const f = questionFigure(input, p, id, group);
  return { surveyId: p.surveyId, ...statsOf(f.distribution), withheld: f.withheld };
}

/** Each configured question's results in the scope, and the SPACE dimensions pooled. */
export function questionResultsOf(input: QuestionResultsInput, group?: string): SurveyQuestionResults {
  const pub = input.publications.find(p => p.surveyId === input.current);
  const questions: SurveyQuestionResult[] = input.questions.map(q => {
    const f = questionFigure(input, pub, q.id, group);
    return {
      id: q.id,
      text: q.text,
      dimension: q.dimension,
      surveyId: input.current,
      ...statsOf(f.distribution),
      distribution: f.distribution ? [...f.distribution] : null,
      withheld: f.withheld,
      asOf: pub && f.distribution ? new Date(pub.asOf).toISOString() : null,
      trend: input.publications.map(p => figureOf(input, p, q.id, group)),
    };
  });
  return { surveyId: input.current, group: group ?? null, questions, dimensions: dimensionsOf(input, questions) };
}

/** Pools the shown figures of a dimension's questions: answers of 4-5 over all answers. */
function pooled(figures: Array<{ n: number | null; favourable: number | null }>) {
  let n = 0;
  let favourable = 0;
  for (const f of figures) {
    if (f.n === null || f.favourable === null) continue;
    n += f.n;
    // favourable is rounded to 4 digits: times n it is the whole count again
    favourable += Math.round(f.favourable * f.n);
  }
  return n === 0 ? { n: null, favourable: null } : { n, favourable: round(favourable / n, 4) };
}

function dimensionsOf(input: QuestionResultsInput, questions: SurveyQuestionResult[]): SpaceDimensionResult[] {
  return SPACE_DIMENSIONS.flatMap(dimension => {
    const of = questions.filter(q => q.dimension === dimension);
    if (of.length === 0) return [];
    return [
      {
        dimension,
        questions: of.map(q => q.id),
        ...pooled(of),
        trend: input.publications.map((p, i) => ({ surveyId: p.surveyId, ...pooled(of.map(q => q.trend[i])) })),
      },
    ];
  });
}
