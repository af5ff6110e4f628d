/*
 * Complementary suppression (metrics.md §8a): which reporting groups a
 * publication may release so that no subtraction of published figures
 * singles out fewer than k people. Pure; computed on respondent sets, not
 * on sums, because people may be in several groups.
 */

/**
 * A respondent set: one record id per person counted,
 * `<pseudonym>@<day of the answer>`, so that a person who answered again
 * is a different record (a change) in the set.
 */
export type RecordSet = ReadonlySet<string>;

/** A difference of 1..k-1 people: one that would single people out (metrics.md §8a). */
export const isSmall = (k: number) => (n: number) => n >= 1 && n < k;

const personOf = (record: string) => record.slice(0, record.lastIndexOf('@'));

/** How many people were added, removed or answered again between two sets of the same scope. */
export function changedPeople(before: RecordSet, after: RecordSet): number {
  const people = (s: RecordSet) => new Map([...s].map(r => [personOf(r), r]));
  const a = people(before);
  const b = people(after);
  let changed = 0;
  for (const [person, record] of b) if (a.get(person) !== record) changed++;
  for (const person of a.keys()) if (!b.has(person)) changed++;
  return changed;
}

function minus(a: RecordSet, b: RecordSet): number {
  let n = 0;
  for (const r of a) if (!b.has(r)) n++;
  return n;
}

function isSubset(a: RecordSet, b: RecordSet): boolean {
  if (a.size > b.size) return false;
  for (const r of a) if (!b.has(r)) return false;
  return true;
}

export interface SuppressionInput {
  /** The minimum k. */
  k: number;
  /** Everyone the publication counts. */
  org: RecordSet;
  /** The reporting groups with at least k respondents: candidates for release. */
  candidates: ReadonlyMap<string, RecordSet>;
  /** Each group's latest figure released by an earlier publication of the survey: public already. */
  earlier: ReadonlyMap<string, RecordSet>;
  /** Every figure of each group earlier publications released (all can be read with `to`); default: the latest only. */
  everyEarlier?: ReadonlyMap<string, readonly RecordSet[]>;
}

export interface SuppressionResult {
  /** False when a subtraction of the org and earlier figures alone reveals fewer than k: nothing is published. */
  publishable: boolean;
  released: string[];
  /** Candidates withheld by a rule below, with the rule. */
  suppressed: Array<{ group: string; rule: string }>;
}

interface Figure {
  group: string;
  set: RecordSet;
  /** Released by this publication (can still be withheld), or an earlier figure (cannot). */
  fresh: boolean;
}

/**
 * Releases every candidate, then withholds groups until no check fails. A
 * "small" difference is one of 1 to k-1 people. The figures checked are
 * this publication's released groups and, for each other group, its
 * latest earlier released figure (anyone can still read it with `to`):
 *
 * 0. a group whose respondents changed in 1..k-1 people since any of its
 *    earlier figures is withheld (the two figures would differ by them);
 * 1. the org minus the union of all the figures (by sets), and the org's n
 *    minus the sum of their n (by sums, for overlapping memberships), must
 *    not be small;
 * 2. the org minus any one figure T (|org \ T|) must not be small;
 * 3. for figures A ⊂ B, |B \ A| must not be small.
 *
 * When a check fails, the smallest fresh group it involves is withheld and
 * the checks start again; when it involves no fresh group (only the org
 * and earlier figures), the publication is not made.
 */
export function suppress(input: SuppressionInput): SuppressionResult {
  const { k, org, candidates, earlier } = input;
  const small = isSmall(k);
  const released = new Map(candidates);
  const suppressed: SuppressionResult['suppressed'] = [];
  const withhold = (group: string, rule: string) => {
    released.delete(group);
    suppressed.push({ group, rule });
  };

  for (const [group, set] of candidates) {
    const before = input.everyEarlier?.get(group) ?? [earlier.get(group)].filter((b): b is RecordSet => !!b);
    if (before.some(b => small(changedPeople(b, set)))) withhold(group, 'changed by fewer than k since its earlier figure');
  }

  for (;;) {
    const figures: Figure[] = [...released].map(([group, set]) => ({ group, set, fresh: true }));
    for (const [group, set] of earlier) if (!released.has(group)) figures.push({ group, set, fresh: false });
    const violation = findViolation(org, figures, small);
    if (!violation) break;
    const fresh = violation.involved.filter(f => f.fresh);
    if (fresh.length === 0) return { publishable: false, released: [], suppressed };
    fresh.sort((a, b) => a.set.size - b.set.size || a.group.localeCompare(b.group));
    withhold(fresh[0].group, violation.rule);
  }
  return { publishable: true, released: [...released.keys()].sort(), suppressed };
}

function findViolation(
  org: RecordSet,
  figures: Figure[],
  small: (n: number) => boolean,
): { rule: string; involved: Figure[] } | undefined {
  if (figures.length > 0) {
    const union = new Set<string>();
    let sum = 0;
    for (const f of figures) {
      for (const r of f.set) union.add(r);
      sum += f.set.size;
    }
    if (small(minus(org, union))) return { rule: 'org minus all groups (sets)', involved: figures };
    if (small(Math.abs(org.size - sum))) return { rule: 'org minus all groups (sums)', involved: figures };
  }
  for (const f of figures) {
    if (small(minus(org, f.set))) return { rule: 'org minus one group', involved: [f] };
  }
  for (const a of figures) {
    for (const b of figures) {
      if (a !== b && isSubset(a.set, b.set) && small(b.set.size - a.set.size)) {
        return { rule: 'a group minus a group it contains', involved: [a, b] };
      }
    }
  }
  return undefined;
}
