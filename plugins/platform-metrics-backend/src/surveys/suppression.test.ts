import fc from 'fast-check';
import { RecordSet, changedPeople, suppress } from './suppression';

const K = 5;
/** People p<from>..p<to - 1>, each answered on day 1. */
const people = (from: number, to: number, day = 1) =>
  Array.from({ length: to - from }, (_, i) => `p${from + i}@${day}`);
const set = (...parts: string[][]) => new Set(parts.flat());
const run = (org: RecordSet, candidates: Record<string, RecordSet>, earlier: Record<string, RecordSet> = {}) =>
  suppress({ k: K, org, candidates: new Map(Object.entries(candidates)), earlier: new Map(Object.entries(earlier)) });

describe('changedPeople', () => {
  it('counts people added, removed and answering again, each once', () => {
    const before = set(['a@1', 'b@1', 'c@1']);
    expect(changedPeople(before, before)).toBe(0);
    expect(changedPeople(before, set(['a@1', 'b@1', 'c@2']))).toBe(1);
    expect(changedPeople(before, set(['a@1', 'b@1', 'd@3']))).toBe(2);
    expect(changedPeople(before, set(['a@1']))).toBe(2);
  });
});

describe('complementary suppression', () => {
  it('releases teams when no subtraction reveals fewer than k', () => {
    const a = set(people(0, 6));
    const b = set(people(6, 12));
    expect(run(set([...a], [...b]), { a, b })).toEqual({ publishable: true, released: ['a', 'b'], suppressed: [] });
  });

  it('org minus the published teams: a residue of 1..k-1 withholds the smallest team, then checks again', () => {
    const a = set(people(0, 5));
    const b = set(people(5, 11));
    // two people in no reporting group: org - a - b would be exactly them
    const org = set([...a], [...b], people(11, 13));
    const result = run(org, { a, b });
    expect(result.released).toEqual(['b']);
    expect(result.suppressed).toEqual([{ group: 'a', rule: 'org minus all groups (sets)' }]);
  });

  it('org minus one team, with overlapping memberships: checked on sets, not sums', () => {
    // a = p0..p6 and b = p2..p13 overlap in 5 people; everyone is in one of them
    const a = set(people(0, 7));
    const b = set(people(2, 14));
    const org = set(people(0, 14));
    // by sums org - a - b is -5 (fine), but by sets org \ b = {p0, p1} would be revealed
    const result = run(org, { a, b });
    expect(result.suppressed).toEqual([{ group: 'b', rule: 'org minus one group' }]);
    expect(result.released).toEqual(['a']);
  });

  it('org minus overlapping teams by sums: one person counted twice is withheld too', () => {
    // a ∪ b = org, but p5 is in both: org - a - b = minus one person, p5's answer with the sign flipped
    const a = set(people(0, 6));
    const b = set(people(5, 12));
    const result = run(set(people(0, 12)), { a, b });
    expect(result.suppressed).toEqual([{ group: 'a', rule: 'org minus all groups (sums)' }]);
    // org - b = p0..p4, five people
    expect(result.released).toEqual(['b']);
  });

  it('nested teams A ⊂ B: |B \\ A| of 1..k-1 withholds the smaller', () => {
    const squad = set(people(0, 6));
    const tribe = set(people(0, 8));
    const org = set(people(0, 20));
    const result = run(org, { squad, tribe });
    expect(result.released).toEqual(['tribe']);
    expect(result.suppressed).toEqual([{ group: 'squad', rule: 'a group minus a group it contains' }]);
  });

  it('a team that changed by 1..k-1 people since its earlier figure is withheld', () => {
    const aBefore = set(people(0, 6));
    const b = set(people(6, 20));
    // one new member of a answered since, and five people in no group; b unchanged
    const aNow = set([...aBefore], ['p99@2']);
    const org = set([...aNow], [...b], people(100, 105, 2));
    const result = run(org, { a: aNow, b }, { a: aBefore, b });
    expect(result.suppressed).toEqual([{ group: 'a', rule: 'changed by fewer than k since its earlier figure' }]);
    expect(result.released).toEqual(['b']);
  });

  it('...and so is any figure that, with the earlier ones, would reveal the change', () => {
    const aBefore = set(people(0, 6));
    const b = set(people(6, 20));
    const aNow = set([...aBefore], ['p99@2']);
    // org - b - (a before) would be the one new person: b is withheld, and then
    // the org itself would reveal them, so nothing is published
    const result = run(set([...aNow], [...b]), { a: aNow, b }, { a: aBefore, b });
    expect(result.suppressed.map(s => s.group)).toEqual(['a', 'b']);
    expect(result.publishable).toBe(false);
  });

  it('is not publishable when only the org and earlier figures would reveal fewer than k', () => {
    const a = set(people(0, 6));
    // one person in no group answered since; a is unchanged, so withholding it does not help
    const org = set([...a], ['p99@2']);
    const result = run(org, { a }, { a });
    expect(result.publishable).toBe(false);
  });

  it('never leaves a subtraction of the released figures that reveals 1..k-1 people (random memberships)', () => {
    const world = fc.record({
      people: fc.integer({ min: 5, max: 40 }),
      groups: fc.array(fc.array(fc.integer({ min: 0, max: 39 }), { maxLength: 25 }), { minLength: 1, maxLength: 6 }),
    });
    fc.assert(
      fc.property(world, ({ people: count, groups }) => {
        const org = set(people(0, count));
        const candidates: Record<string, RecordSet> = {};
        groups.forEach((members, i) => {
          const s = set(members.filter(m => m < count).map(m => `p${m}@1`));
          if (s.size >= K) candidates[`g${i}`] = s;
        });
        const result = run(org, candidates);
        const small = (n: number) => n >= 1 && n < K;
        const shown = result.publishable ? result.released.map(g => candidates[g]) : [];
        const union = new Set(shown.flatMap(x => [...x]));
        const violations: string[] = [];
        if (shown.length && small([...org].filter(r => !union.has(r)).length)) violations.push('org minus all (sets)');
        if (shown.length && small(Math.abs(org.size - shown.reduce((n, x) => n + x.size, 0)))) violations.push('org minus all (sums)');
        for (const t of shown) if (small([...org].filter(r => !t.has(r)).length)) violations.push('org minus one');
        for (const a of shown) {
          for (const b of shown) {
            if ([...a].every(r => b.has(r)) && small(b.size - a.size)) violations.push('nested');
          }
        }
        expect(violations).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});
