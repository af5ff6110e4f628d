import { DateTime } from 'luxon';
import { PulseAnswer } from '../database/PulseStore';
import { withheld } from '../surveys/anonymity';

/** The published figures of one pulse question (metrics.md, "Pulse questions"). */
export interface PulseFigure {
  questionId: string;
  question: string;
  /** Answers published: a sum of multiples of k, null when withheld. */
  n: number | null;
  /** How many answered 1, 2, 3, 4 and 5. */
  distribution: number[] | null;
  /** The share of 4 and 5. */
  favourable: number | null;
  mean: number | null;
  withheld: string | null;
}

/** The calendar quarter (UTC) of a time, `2026-Q4`: the fixed period answers are released in. */
export const quarterOf = (t: number) => {
  const d = DateTime.fromMillis(t, { zone: 'utc' });
  return `${d.year}-Q${d.quarter}`;
};

/** 00:00 UTC of the first day of the quarter holding `t`. */
export const quarterStart = (t: number) => DateTime.fromMillis(t, { zone: 'utc' }).startOf('quarter').toMillis();

/** Keys are lower-case UUIDs: compared as code units, the same order on every replica. */
const compareKeys = (a: string, b: string) => {
  if (a === b) return 0;
  return a < b ? -1 : 1;
};

const byDayThenKey = (a: PulseAnswer, b: PulseAnswer) => a.answeredOn - b.answeredOn || compareKeys(a.key, b.key);

/**
 * The answers that may be published, released in steps of k: per question
 * and calendar quarter of the answer (a fixed cell), the answers in one
 * fixed order (day, then the random key), each person's first answer in the
 * cell only, and of those the first `floor(count / k) * k`. A later read
 * (more answers, or a later `to`) of a cell releases a longer prefix of the
 * same order, so any two published figures of a cell differ by a multiple
 * of k people, never by 1 to k - 1.
 */
export function releasedAnswers(answers: PulseAnswer[], k: number): PulseAnswer[] {
  const cells = new Map<string, PulseAnswer[]>();
  for (const a of answers) {
    const cell = `${a.questionId}\u0000${quarterOf(a.answeredOn)}`;
    const list = cells.get(cell);
    if (list) list.push(a);
    else cells.set(cell, [a]);
  }
  const released: PulseAnswer[] = [];
  for (const list of cells.values()) {
    const people = new Set<string>();
    const counted = [...list].sort(byDayThenKey).filter(a => {
      if (people.has(a.recipient)) return false;
      people.add(a.recipient);
      return true;
    });
    released.push(...counted.slice(0, Math.floor(counted.length / k) * k));
  }
  return released;
}

/**
 * The figures of each question from its released answers (see
 * {@link releasedAnswers}), all withheld when none is released.
 */
export function pulseFigures(
  questions: Array<{ questionId: string; question: string }>,
  answers: PulseAnswer[],
  k: number,
): PulseFigure[] {
  const released = releasedAnswers(answers, k);
  return questions.map(({ questionId, question }) => {
    const values = released.filter(a => a.questionId === questionId).map(a => a.value);
    if (values.length === 0) {
      return { questionId, question, n: null, distribution: null, favourable: null, mean: null, withheld: withheld.fewerThan(k) };
    }
    const distribution = [1, 2, 3, 4, 5].map(v => values.filter(x => x === v).length);
    return {
      questionId,
      question,
      n: values.length,
      distribution,
      favourable: (distribution[3] + distribution[4]) / values.length,
      mean: values.reduce((s, v) => s + v, 0) / values.length,
      withheld: null,
    };
  });
}
