import { NpsCounts, PublicationEntry, SurveyPublication } from '../database/PublicationStore';
import { SurveyResponseRow } from '../database/SurveyStore';
import { dayNumber } from '../lib/time';
import { bucketOf, commentMinimum } from './anonymity';
import { CountedResponse, answeredQuestions, decideQuestions } from './questionPublication';
import { RecordSet, changedPeople, isSmall, suppress } from './suppression';

/*
 * What one publication of a survey holds (metrics.md §8a), decided from the
 * answers it would count and the survey's earlier publications. Pure: the
 * publication task reads and writes, this decides.
 */

/** One counted answer: its record id (see {@link RecordSet}) and its reporting groups. */
type Counted = CountedResponse;

/** An earlier publication of the survey with the respondents it counted. */
export interface PublishedWithEntries {
  publication: SurveyPublication;
  entries: PublicationEntry[];
}

export interface PublicationInput {
  surveyId: string;
  /** The UTC midnight the publication is as of. */
  asOf: number;
  publishedAt: number;
  k: number;
  /** The answers it counts (already cut at `asOf`). */
  rows: SurveyResponseRow[];
  /** The reporting groups (Groups of `survey.reportingGroupTypes`). */
  reportingGroups: ReadonlySet<string>;
  /** The survey's earlier publications, oldest first. */
  history: PublishedWithEntries[];
}

export type PublicationDecision =
  | {
      publish: true;
      publication: SurveyPublication;
      entries: PublicationEntry[];
      suppressed: Array<{ group: string; rule: string }>;
    }
  | { publish: false; why: string };

const recordOf = (userKey: string, day: number) => `${userKey}@${day}`;

/** The record set of a publication's entries (all of them, or those counted in `group`). */
export function entrySet(entries: PublicationEntry[], group?: string): Set<string> {
  return new Set(entries.filter(e => !group || e.groups.includes(group)).map(e => recordOf(e.userKey, e.submittedDay)));
}

/** The record set of answers, as a publication would count them. */
export function answerSet(rows: SurveyResponseRow[]): Set<string> {
  return new Set(rows.map(r => recordOf(r.userKey, dayNumber(r.submittedAt))));
}

const reportingOf = (row: SurveyResponseRow, reporting: ReadonlySet<string>) =>
  [...new Set(row.groups.filter(g => reporting.has(g)))].sort();

/**
 * Whether a survey is due for a new publication after `previous` (the
 * entries of its latest one): when at least k people answered, answered
 * again or left since; or, with no answer changed at all, when the
 * reporting groups its respondents are counted in changed (a group's type
 * changed in the catalog, or the first catalog sync that recorded the
 * groups came after the previous publication), so that a closed survey's
 * teams are not withheld for good. Nothing that changed by fewer than k
 * people is ever published.
 */
export function isDue(
  rows: SurveyResponseRow[],
  reportingGroups: ReadonlySet<string>,
  previous: PublicationEntry[] | undefined,
  k: number,
): boolean {
  if (rows.length < k) return false;
  if (!previous) return true;
  const changed = changedPeople(entrySet(previous), answerSet(rows));
  if (changed >= k) return true;
  if (changed > 0) return false;
  const before = new Set(previous.flatMap(e => e.groups));
  const now = new Set(rows.flatMap(r => reportingOf(r, reportingGroups)));
  return before.size !== now.size || [...now].some(g => !before.has(g));
}

function counts(rows: Iterable<SurveyResponseRow>): NpsCounts {
  const c = { promoters: 0, passives: 0, detractors: 0 };
  for (const r of rows) {
    const b = bucketOf(r.score);
    if (b === 'promoter') c.promoters++;
    else if (b === 'passive') c.passives++;
    else c.detractors++;
  }
  return c;
}

/**
 * The next publication of a survey, or why there is none:
 * - it counts at least k answers;
 * - at least k people answered (for the first time or again) or left since
 *   the previous publication, or none did and the reporting groups changed
 *   ({@link isDue}); otherwise the previous one stands;
 * - its respondents differ from those of every earlier publication of the
 *   survey by none or at least k people (any of them can be read with `to`);
 * - it releases the reporting groups with at least k respondents that
 *   complementary suppression ({@link suppress}) lets through;
 * - it releases the comments when it counts at least kc answers, each
 *   listed under the released groups of kc or more respondents of its
 *   author, and only when at least kc respondents share the author's exact
 *   set of reporting groups.
 */
export function decidePublication(input: PublicationInput): PublicationDecision {
  const { k, rows, reportingGroups, history } = input;
  if (rows.length < k) return { publish: false, why: `fewer than ${k} answers` };

  const counted: Counted[] = rows.map(row => ({
    row,
    record: recordOf(row.userKey, dayNumber(row.submittedAt)),
    groups: reportingOf(row, reportingGroups),
  }));
  const org: RecordSet = new Set(counted.map(c => c.record));
  const previous = history[history.length - 1];
  if (previous && !isDue(rows, reportingGroups, previous.entries, k)) {
    return { publish: false, why: `fewer than ${k} answers changed since publication ${previous.publication.seq}` };
  }
  // against every earlier publication too, not only the latest: all of them can be read with `to`
  const older = history.find(h => isSmall(k)(changedPeople(entrySet(h.entries), org)));
  if (older) {
    return { publish: false, why: `the org would differ by fewer than ${k} people from publication ${older.publication.seq}` };
  }

  const members = new Map<string, Counted[]>();
  for (const c of counted) {
    for (const g of c.groups) {
      const list = members.get(g);
      if (list) list.push(c);
      else members.set(g, [c]);
    }
  }
  const candidates = new Map<string, RecordSet>();
  for (const [group, list] of members) {
    if (list.length >= k) candidates.set(group, new Set(list.map(c => c.record)));
  }
  // each group's released figures, as anyone can still read them: the latest, and all of them
  const earlier = new Map<string, RecordSet>();
  const everyEarlier = new Map<string, RecordSet[]>();
  for (const { publication, entries } of history) {
    for (const group of Object.keys(publication.groups)) {
      const set = entrySet(entries, group);
      earlier.set(group, set);
      everyEarlier.set(group, [...(everyEarlier.get(group) ?? []), set]);
    }
  }

  const decision = suppress({ k, org, candidates, earlier, everyEarlier });
  if (!decision.publishable) {
    return { publish: false, why: 'a subtraction of the org and earlier figures would reveal fewer than k people' };
  }
  const released = new Set(decision.released);
  const groups: Record<string, NpsCounts> = {};
  for (const g of decision.released) groups[g] = counts(members.get(g)!.map(c => c.row));

  const seq = (previous?.publication.seq ?? 0) + 1;
  const publication: SurveyPublication = {
    surveyId: input.surveyId,
    seq,
    asOf: input.asOf,
    publishedAt: input.publishedAt,
    k,
    org: counts(rows),
    groups,
    suppressed: [...new Set(decision.suppressed.map(s => s.group))].filter(g => !released.has(g)).sort(),
    questions: decideQuestions({
      k,
      seq,
      counted,
      released,
      history: history.map(h => ({ seq: h.publication.seq, questions: h.publication.questions ?? {}, entries: h.entries })),
    }),
  };
  return { publish: true, publication, entries: entriesOf(counted, released, members, k), suppressed: decision.suppressed };
}

/** The entries of a publication, with the comments it releases and where each is listed. */
function entriesOf(
  counted: Counted[],
  released: ReadonlySet<string>,
  members: ReadonlyMap<string, Counted[]>,
  k: number,
): PublicationEntry[] {
  const kc = commentMinimum(k);
  const releaseComments = counted.length >= kc;
  // respondents per exact set of reporting groups: a comment is listed under
  // a group only when kc or more people share its author's set, so that
  // intersecting the lists of overlapping groups cannot single anyone out
  const sharing = new Map<string, number>();
  for (const c of counted) sharing.set(c.groups.join(' '), (sharing.get(c.groups.join(' ')) ?? 0) + 1);
  return counted.map(c => {
    const comment = releaseComments ? c.row.comment : null;
    const listed =
      comment && (sharing.get(c.groups.join(' ')) ?? 0) >= kc
        ? c.groups.filter(g => released.has(g) && (members.get(g)?.length ?? 0) >= kc)
        : [];
    return {
      userKey: c.row.userKey,
      submittedDay: dayNumber(c.row.submittedAt),
      groups: c.groups,
      comment,
      bucket: comment ? bucketOf(c.row.score) : null,
      commentGroups: listed,
      questions: answeredQuestions(c.row),
    };
  });
}
