import { SurveyResponseRow } from '../database/SurveyStore';
import { CountedResponse, decideQuestions } from './questionPublication';

/*
 * The agreement questions' figures of a publication (metrics.md §18):
 * each question under the NPS rules, on its own respondents.
 */

const A = 'group:default/a';
const B = 'group:default/b';
const DAY = 20_000;

function counted(name: string, groups: string[], answers: Record<string, number>, day = DAY): CountedResponse {
  const row: SurveyResponseRow = {
    surveyId: '2026-Q4',
    userKey: name,
    score: 9,
    comment: null,
    submittedAt: day * 86_400_000,
    groups,
    origin: null,
    answers,
  };
  return { row, record: `${name}@${day}`, groups };
}

const people = (prefix: string, n: number, groups: string[], answers: Record<string, number>) =>
  Array.from({ length: n }, (_, i) => counted(`${prefix}${i}`, groups, answers));

describe('decideQuestions', () => {
  it('releases a question of the org and of each NPS-released group with at least k respondents to it', () => {
    const out = decideQuestions({
      k: 5,
      seq: 1,
      counted: [...people('a', 6, [A], { q: 5 }), ...people('b', 6, [B], { q: 2 })],
      released: new Set([A, B]),
      history: [],
    });
    expect(out.q).toEqual({ from: 1, org: [0, 6, 0, 0, 6], groups: { [A]: [0, 0, 0, 0, 6], [B]: [0, 6, 0, 0, 0] }, suppressed: [] });
  });

  it('never releases a group the NPS figures withheld, and no question below k', () => {
    const out = decideQuestions({
      k: 5,
      seq: 1,
      counted: [...people('a', 6, [A], { q: 4, rare: 1 }).slice(0, 6), ...people('b', 6, [B], { q: 4 })],
      released: new Set([A]),
      history: [],
    });
    expect(Object.keys(out.q.groups)).toEqual([A]);
    // six answered `rare`: shown for the org; team a's six: shown
    expect(out.rare.org).toEqual([6, 0, 0, 0, 0]);
    const few = decideQuestions({ k: 5, seq: 1, counted: people('a', 4, [A], { q: 4 }), released: new Set(), history: [] });
    expect(few).toEqual({});
  });

  it('withholds a group whose removal from the org would single out fewer than k respondents to the question', () => {
    // team a: 6 answered; team b: 2 answered. The org (8) minus team a (6) would give b's two answers.
    const out = decideQuestions({
      k: 5,
      seq: 1,
      counted: [...people('a', 6, [A], { q: 5 }), ...people('b', 2, [B], { q: 1 }), ...people('c', 4, [B], {})],
      released: new Set([A, B]),
      history: [],
    });
    expect(out.q.org).toEqual([2, 0, 0, 0, 6]);
    expect(out.q.groups).toEqual({});
    expect(out.q.suppressed).toEqual([A]);
  });

  it('carries the previous figure forward when the respondents changed by 1..k-1 people', () => {
    const first = [...people('a', 6, [A], { q: 4 })];
    const p1 = decideQuestions({ k: 5, seq: 1, counted: first, released: new Set([A]), history: [] });
    const entries = first.map(c => ({
      userKey: c.row.userKey,
      submittedDay: DAY,
      groups: c.groups,
      comment: null,
      bucket: null,
      commentGroups: [],
      questions: ['q'],
    }));
    const second = [...first, counted('late', [A], { q: 1 }, DAY + 1)];
    const p2 = decideQuestions({ k: 5, seq: 2, counted: second, released: new Set([A]), history: [{ seq: 1, questions: p1, entries }] });
    expect(p2.q).toBe(p1.q);
    expect(p2.q.from).toBe(1);
  });
});

describe('decideQuestions against every earlier figure', () => {
  const entriesOf = (list: CountedResponse[], day = DAY) =>
    list.map(c => ({
      userKey: c.row.userKey,
      submittedDay: Number(c.record.split('@')[1] ?? day),
      groups: c.groups,
      comment: null,
      bucket: null,
      commentGroups: [],
      questions: Object.keys(c.row.answers ?? {}),
    }));

  it('withholds a group figure that differs by 1..k-1 people from an older figure, not only from the latest', () => {
    const k = 5;
    const base = people('a', 6, [A], { q: 4 });
    const joiners = Array.from({ length: 5 }, (_, i) => counted(`j${i}`, [A], { q: 2 }, DAY + 1));
    const others = people('o', 12, [B], { q: 3 });
    const p1 = decideQuestions({ k, seq: 1, counted: [...base, ...others], released: new Set([A, B]), history: [] });
    const h1 = { seq: 1, questions: p1, entries: entriesOf([...base, ...others]) };
    const second = [...base, ...joiners, ...others];
    const p2 = decideQuestions({ k, seq: 2, counted: second, released: new Set([A, B]), history: [h1] });
    expect(p2.q.groups[A]).toEqual([0, 5, 0, 6, 0]);
    const h2 = { seq: 2, questions: p2, entries: entriesOf(second) };
    // the five joiners leave and one new person answers: six changed since the latest figure of team a,
    // but only one since the first, which anyone can still read with `to`
    const late = counted('late', [A], { q: 1 }, DAY + 2);
    const third = [...base, late, ...others, ...people('p', 5, [B], { q: 5 })];
    const p3 = decideQuestions({ k, seq: 3, counted: third, released: new Set([A, B]), history: [h1, h2] });
    // without the check team a's new figure (base + late) would be released, and the first one minus
    // it would give late's answer. With it, team a is withheld, and then the org's new figure would
    // differ by one person from the sum of the groups' earlier figures: nothing new is released
    expect(p3.q.from).toBe(2);
    expect(p3.q.groups[A]).toEqual(p2.q.groups[A]);
  });
});
