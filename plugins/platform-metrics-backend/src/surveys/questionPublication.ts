import { Distribution, PublicationEntry, QuestionPublication } from '../database/PublicationStore';
import { SurveyResponseRow } from '../database/SurveyStore';
import { RecordSet, changedPeople, isSmall, suppress } from './suppression';

/*
 * The agreement questions' figures of one publication (metrics.md §18),
 * under the rules of the NPS figures (§8a), applied to each question's own
 * respondents: a question's respondents are a subset of the publication's,
 * so a figure that is safe for NPS need not be safe for a question.
 * Pure: the publication decision calls it.
 */

/** One response the publication counts: its record id and reporting groups. */
export interface CountedResponse {
  row: SurveyResponseRow;
  record: string;
  groups: string[];
}

/** An earlier publication of the survey, with its questions' figures and entries. */
export interface EarlierPublication {
  seq: number;
  questions: Record<string, QuestionPublication>;
  entries: PublicationEntry[];
}

export interface QuestionInput {
  k: number;
  seq: number;
  counted: CountedResponse[];
  /** The reporting groups this publication releases for NPS: a question's group figure is never released without it. */
  released: ReadonlySet<string>;
  /** Oldest first. */
  history: EarlierPublication[];
}

const recordOf = (e: PublicationEntry) => `${e.userKey}@${e.submittedDay}`;

/** The respondents an earlier publication counted in a question's figure (of the org, or one group). */
function earlierSet(p: EarlierPublication, question: string, group?: string): RecordSet {
  return new Set(
    p.entries.filter(e => e.questions.includes(question) && (!group || e.groups.includes(group))).map(recordOf),
  );
}

export function distributionOf(rows: Iterable<SurveyResponseRow>, question: string): Distribution {
  const d: Distribution = [0, 0, 0, 0, 0];
  for (const r of rows) {
    const v = r.answers?.[question];
    if (v !== undefined) d[v - 1]++;
  }
  return d;
}

/**
 * Each question's figures for the next publication:
 * - a question answered by fewer than k of the counted respondents gets no
 *   new figures;
 * - nor one whose org respondents differ by 1..k-1 people from any earlier
 *   figure of it (the two figures would tell those people's answers);
 * - otherwise the org figure, and the groups released for NPS whose
 *   respondents to the question are at least k, less those whose
 *   respondents differ by 1..k-1 people from any earlier figure of the
 *   group, and less those complementary suppression withholds against the
 *   question's earlier figures; when
 *   suppression finds a subtraction of the org and earlier figures alone,
 *   no new figures.
 * A question without new figures keeps its latest ones, carried forward
 * unchanged (`from` names the publication that computed them).
 */
export function decideQuestions(input: QuestionInput): Record<string, QuestionPublication> {
  const { k, counted, released, history } = input;
  const small = isSmall(k);
  const ids = new Set<string>();
  for (const c of counted) for (const id of Object.keys(c.row.answers ?? {})) ids.add(id);
  for (const p of history) for (const id of Object.keys(p.questions)) ids.add(id);

  const out: Record<string, QuestionPublication> = {};
  for (const id of [...ids].sort()) {
    const previous = [...history].reverse().find(p => p.questions[id])?.questions[id];
    const carry = () => {
      if (previous) out[id] = previous;
    };
    const answered = counted.filter(c => c.row.answers?.[id] !== undefined);
    if (answered.length < k) {
      carry();
      continue;
    }
    const org: RecordSet = new Set(answered.map(c => c.record));
    // the publications that computed figures of this question: all of them can still be read
    const computed = history.filter(p => p.questions[id]?.from === p.seq);
    if (computed.some(p => small(changedPeople(earlierSet(p, id), org)))) {
      carry();
      continue;
    }
    const members = new Map<string, CountedResponse[]>();
    for (const c of answered) {
      for (const g of c.groups) {
        if (!released.has(g)) continue;
        const list = members.get(g);
        if (list) list.push(c);
        else members.set(g, [c]);
      }
    }
    const candidates = new Map<string, RecordSet>();
    const withheldEarly: string[] = [];
    for (const [g, list] of members) {
      if (list.length < k) continue;
      const set: RecordSet = new Set(list.map(c => c.record));
      // against every earlier figure of the group, not only its latest: all of them can be read with `to`
      const changedLittle = computed.some(p => p.questions[id].groups[g] && small(changedPeople(earlierSet(p, id, g), set)));
      if (changedLittle) withheldEarly.push(g);
      else candidates.set(g, set);
    }
    const earlier = new Map<string, RecordSet>();
    for (const p of computed) for (const g of Object.keys(p.questions[id].groups)) earlier.set(g, earlierSet(p, id, g));

    const decision = suppress({ k, org, candidates, earlier });
    if (!decision.publishable) {
      carry();
      continue;
    }
    const groups: Record<string, Distribution> = {};
    for (const g of decision.released) groups[g] = distributionOf(members.get(g)!.map(c => c.row), id);
    const kept = new Set(decision.released);
    out[id] = {
      from: input.seq,
      org: distributionOf(
        answered.map(c => c.row),
        id,
      ),
      groups,
      suppressed: [...new Set([...withheldEarly, ...decision.suppressed.map(s => s.group)])].filter(g => !kept.has(g)).sort(),
    };
  }
  return out;
}

/** The question ids a counted response had answered (what its publication entry records). */
export function answeredQuestions(row: SurveyResponseRow): string[] {
  return Object.keys(row.answers ?? {}).sort();
}
