import { PulseAnswer } from '../database/PulseStore';
import { DAY } from '../lib/time';
import { pulseFigures, quarterOf, quarterStart, releasedAnswers } from './release';

const Q1 = Date.parse('2026-01-05T00:00:00Z');
const Q2 = Date.parse('2026-04-06T00:00:00Z');

let seq = 0;
const answer = (person: string, value: number, day: number, questionId = 'q'): PulseAnswer => ({
  key: `k${String(seq++).padStart(4, '0')}`,
  recipient: person,
  questionId,
  value,
  answeredOn: day,
});

describe('pulse results released in steps of k', () => {
  it('releases per question and quarter the first floor(n / k) * k answers, earliest first, nothing below k', () => {
    const answers = Array.from({ length: 7 }, (_, i) => answer(`p${i}`, (i % 5) + 1, Q1 + i * DAY));
    expect(releasedAnswers(answers.slice(0, 4), 5)).toEqual([]);
    expect(releasedAnswers(answers, 5)).toEqual(answers.slice(0, 5));
    expect(releasedAnswers(answers, 3)).toEqual(answers.slice(0, 6));
  });

  it('counts a person once per question and quarter (their first answer), but again in another quarter or question', () => {
    const again = [
      ...['a', 'b', 'c', 'd'].map((p, i) => answer(p, 5, Q1 + i * DAY)),
      answer('a', 1, Q1 + 10 * DAY),
    ];
    expect(releasedAnswers(again, 5)).toEqual([]);
    const figures = pulseFigures([{ questionId: 'q', question: 'Q?' }], [...again, answer('e', 3, Q1 + 11 * DAY)], 5);
    expect(figures[0]).toMatchObject({ n: 5, distribution: [0, 0, 1, 0, 4], favourable: 0.8, mean: 4.6, withheld: null });
    // the same five in the next quarter, and under another question: counted there too
    const next = ['a', 'b', 'c', 'd', 'e'].map(p => answer(p, 2, Q2));
    const other = ['a', 'b', 'c', 'd', 'e'].map(p => answer(p, 4, Q1, 'other'));
    expect(releasedAnswers([...again, answer('e', 3, Q1 + 11 * DAY), ...next, ...other], 5)).toHaveLength(15);
  });

  it('never lets two figures of any cut-off differ by 1 to k - 1 answers', () => {
    // a day-by-day stream of answers, several on a day, one person answering twice
    const stream = Array.from({ length: 40 }, (_, i) => answer(i === 17 ? 'p3' : `p${i}`, (i * 7) % 5 + 1, Q1 + Math.floor(i / 3) * DAY));
    const k = 5;
    const ns: number[] = [];
    const sets: string[][] = [];
    for (let day = Q1; day <= Q1 + 15 * DAY; day += DAY) {
      const released = releasedAnswers(stream.filter(a => a.answeredOn < day), k);
      ns.push(released.length);
      sets.push(released.map(a => a.key));
    }
    for (let i = 0; i < ns.length; i++) {
      for (let j = i + 1; j < ns.length; j++) {
        const diff = ns[j] - ns[i];
        expect(diff % k).toBe(0);
        // a later cut-off releases a superset: the difference is whole blocks of k people
        expect(sets[j].slice(0, sets[i].length)).toEqual(sets[i]);
      }
    }
    expect(Math.max(...ns)).toBe(35);
  });

  it('withholds every figure of a question with nothing released, naming k', () => {
    const figures = pulseFigures(
      [
        { questionId: 'empty', question: 'Nobody answered?' },
        { questionId: 'q', question: 'Q?' },
      ],
      ['a', 'b', 'c'].map(p => answer(p, 4, Q1)),
      3,
    );
    expect(figures).toEqual([
      { questionId: 'empty', question: 'Nobody answered?', n: null, distribution: null, favourable: null, mean: null, withheld: 'fewer than 3 responses' },
      { questionId: 'q', question: 'Q?', n: 3, distribution: [0, 0, 0, 3, 0], favourable: 1, mean: 4, withheld: null },
    ]);
  });

  it('names calendar quarters in UTC', () => {
    expect(quarterOf(Date.parse('2026-03-31T23:59:59Z'))).toBe('2026-Q1');
    expect(quarterOf(Date.parse('2026-04-01T00:00:00Z'))).toBe('2026-Q2');
    expect(new Date(quarterStart(Date.parse('2026-11-15T12:00:00Z'))).toISOString()).toBe('2026-10-01T00:00:00.000Z');
  });
});
