import { SurveyResponseRow } from '../database/SurveyStore';
import { DAY } from '../lib/time';
import { PublishedWithEntries, decidePublication } from './publication';

const DAY0 = Date.parse('2026-10-05T00:00:00Z');
const A = 'group:default/team-a';
const B = 'group:default/team-b';
const GUILD = 'group:default/guild';
const REPORTING = new Set([A, B]);

const row = (user: string, score: number, patch: Partial<SurveyResponseRow> = {}): SurveyResponseRow => ({
  surveyId: '2026-Q4',
  userKey: `key-${user}`,
  score,
  comment: null,
  submittedAt: DAY0,
  groups: [],
  origin: null,
  ...patch,
});
const many = (prefix: string, count: number, patch: Partial<SurveyResponseRow> = {}, score = 9) =>
  Array.from({ length: count }, (_, i) => row(`${prefix}${i}`, score, patch));

function decide(rows: SurveyResponseRow[], history: PublishedWithEntries[] = [], k = 5) {
  return decidePublication({
    surveyId: '2026-Q4',
    asOf: DAY0 + 10 * DAY,
    publishedAt: DAY0 + 10 * DAY + 60_000,
    k,
    rows,
    reportingGroups: REPORTING,
    history,
  });
}

function published(rows: SurveyResponseRow[], history: PublishedWithEntries[] = []): PublishedWithEntries {
  const d = decide(rows, history);
  if (!d.publish) throw new Error(d.why);
  return { publication: d.publication, entries: d.entries };
}

describe('decidePublication', () => {
  it('publishes nothing below k answers', () => {
    expect(decide(many('u', 4))).toEqual({ publish: false, why: 'fewer than 5 answers' });
  });

  it('publishes the org and the reporting groups with n >= k, and only their counts', () => {
    const rows = [
      ...many('a', 6, { groups: [A, GUILD] }),
      ...many('b', 5, { groups: [B] }, 3),
    ];
    const d = decide(rows);
    expect(d.publish && d.publication).toMatchObject({
      seq: 1,
      k: 5,
      org: { promoters: 6, passives: 0, detractors: 5 },
      groups: { [A]: { promoters: 6, passives: 0, detractors: 0 }, [B]: { promoters: 0, passives: 0, detractors: 5 } },
      suppressed: [],
    });
    // the guild is no reporting group: not counted as one, not published
    expect(d.publish && d.entries.every(e => !e.groups.includes(GUILD))).toBe(true);
  });

  it('batches: the previous publication stands until k people answered, answered again or left', () => {
    const first = published(many('u', 8));
    // one more answer, one changed answer, one erased: 3 changes
    const rows = [...many('u', 7).map((r, i) => (i === 0 ? { ...r, score: 0, submittedAt: DAY0 + 3 * DAY } : r)), row('new', 9)];
    expect(decide(rows, [first])).toEqual({ publish: false, why: 'fewer than 5 answers changed since publication 1' });
    const more = [...rows, ...many('late', 2)];
    const second = decide(more, [first]);
    expect(second.publish && second.publication.seq).toBe(2);
  });

  it('republishes unchanged answers when the reporting groups changed, never answers changed by fewer than k', () => {
    const rows = many('a', 6, { groups: [A] });
    // published before the catalog sync recorded team A as a reporting group
    const early = decidePublication({ surveyId: '2026-Q4', asOf: DAY0 + DAY, publishedAt: DAY0 + DAY, k: 5, rows, reportingGroups: new Set(), history: [] });
    if (!early.publish) throw new Error(early.why);
    expect(early.publication.groups).toEqual({});
    const first = { publication: early.publication, entries: early.entries };
    const again = decide(rows, [first]);
    expect(again.publish && again.publication.groups).toEqual({ [A]: { promoters: 6, passives: 0, detractors: 0 } });
    // one changed answer: no republication, whatever the groups
    expect(decide([...rows.slice(1), row('a0', 0, { groups: [A], submittedAt: DAY0 + 2 * DAY })], [first]).publish).toBe(false);
  });

  it('withholds a group that changed by 1..k-1 people since it was last released', () => {
    const a = many('a', 6, { groups: [A] });
    const b = many('b', 6, { groups: [B] });
    const first = published([...a, ...b]);
    // one new member of team A answers, five of team B
    const aNew = row('a-new', 0, { groups: [A] });
    const bNew = many('b-new', 5, { groups: [B] }, 7);
    const d = decide([...a, aNew, ...b, ...bNew], [first]);
    if (!d.publish) throw new Error(d.why);
    // A's two figures would differ by one person; B's new figure minus the
    // org and A's earlier figure would be that person too: both withheld
    expect(d.suppressed).toEqual([
      { group: A, rule: 'changed by fewer than k since its earlier figure' },
      { group: B, rule: 'org minus all groups (sets)' },
    ]);
    expect(d.publication.groups).toEqual({});
    expect(d.publication.suppressed).toEqual([A, B]);
    expect(d.publication.org).toEqual({ promoters: 12, passives: 5, detractors: 1 });

    // five more members of A answer (the next batch): both are released again
    const later = decide([...a, aNew, ...many('a-late', 5, { groups: [A] }), ...b, ...bNew], [first, { publication: d.publication, entries: d.entries }]);
    expect(later.publish && Object.keys(later.publication.groups)).toEqual([A, B]);
  });

  describe('comments', () => {
    const withComment = (prefix: string, count: number, groups: string[], score = 9) =>
      many(prefix, count, { groups, comment: `${prefix} comment` }, score);

    it('releases none below kc = 10 answers', () => {
      const d = decide(withComment('u', 9, []));
      expect(d.publish && d.entries.every(e => e.comment === null && e.bucket === null)).toBe(true);
    });

    it('releases them with the bucket from 10 answers; under a group only when 10 share the exact set of reporting groups', () => {
      const rows = [
        // ten people only in A: their comments are listed under A
        ...withComment('only-a', 10, [A]),
        // two people in A and B (and a guild): their set {A, B} is shared by two only
        ...withComment('both', 2, [A, B, GUILD], 7),
        ...withComment('only-b', 9, [B], 2),
      ];
      const d = decide(rows);
      if (!d.publish) throw new Error(d.why);
      const entry = (key: string) => d.entries.find(e => e.userKey === key)!;
      expect(entry('key-only-a0')).toMatchObject({ comment: 'only-a comment', bucket: 'promoter', commentGroups: [A] });
      // in the org list only: listing it under A and B would let their intersection single it out
      expect(entry('key-both0')).toMatchObject({ comment: 'both comment', bucket: 'passive', commentGroups: [] });
      // B has 11 respondents, but only 9 share {B}: fewer than 10
      expect(entry('key-only-b0')).toMatchObject({ bucket: 'detractor', commentGroups: [] });
    });
  });
});

describe('decidePublication against every earlier publication', () => {
  it('publishes no org figure that differs by 1..k-1 people from an older one, even when it differs by k from the latest', () => {
    const base = many('s', 10, { groups: [] });
    const p1 = published(base);
    const joiners = many('j', 5, { submittedAt: DAY0 + DAY });
    const p2 = published([...base, ...joiners], [p1]);
    // the five joiners withdraw (erasure) and one new person answers: six changed since p2, one since p1
    const late = row('late', 0, { submittedAt: DAY0 + 2 * DAY });
    const d = decide([...base, late], [p1, p2]);
    expect(d).toEqual({ publish: false, why: 'the org would differ by fewer than 5 people from publication 1' });
    // with four more new answers, five people separate it from p1 as well: published
    const more = many('m', 4, { submittedAt: DAY0 + 2 * DAY });
    expect(decide([...base, late, ...more], [p1, p2]).publish).toBe(true);
  });

  it('withholds a group whose figure differs by 1..k-1 people from an older figure of it', () => {
    const a = many('a', 6, { groups: [A] });
    const b = many('b', 12, { groups: [B] });
    const p1 = published([...a, ...b]);
    const joiners = many('j', 5, { groups: [A], submittedAt: DAY0 + DAY });
    const p2 = published([...a, ...joiners, ...b], [p1]);
    expect(Object.keys(p2.publication.groups)).toContain(A);
    // team a: the joiners leave, one joins (six changed since p2, one since p1); team b grows by five
    const late = row('late', 0, { groups: [A], submittedAt: DAY0 + 2 * DAY });
    const newB = many('nb', 5, { groups: [B], submittedAt: DAY0 + 2 * DAY });
    const more = many('o', 5, { submittedAt: DAY0 + 2 * DAY });
    const d = decide([...a, late, ...b, ...newB, ...more], [p1, p2]);
    expect(d.publish).toBe(true);
    if (!d.publish) return;
    expect(d.publication.groups[A]).toBeUndefined();
    expect(d.suppressed).toContainEqual({ group: A, rule: 'changed by fewer than k since its earlier figure' });
  });
});
