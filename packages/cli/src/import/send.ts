/**
 * Sends the records of an import in batches and works out which records the
 * backend rejects. A batch is written in one transaction or not at all; on a
 * 400 the CLI drops the records the message names (`deployments[3].finishedAt: ...`)
 * and sends the rest again; when the message names none, it halves the batch
 * until the bad record is alone. So every good record is written and every
 * bad one named, whatever the backend's message says.
 */
import { IngestResult } from '@platform-metrics/plugin-platform-metrics-common';
import { ApiError } from '../errors';
import { RecordKind } from '../validate';

export interface Counts {
  received: number;
  created: number;
  updated: number;
  /**
   * Records the backend did not write: duplicates within a request, answers
   * an insert-only import already has, or snapshots of days the suite measured.
   */
  skipped: number;
}

export interface Rejection {
  line: number;
  message: string;
}

export interface Pending {
  line: number;
  record: unknown;
}

/** The body field of each kind, which the backend's 400 messages name (`responses[2].score`). */
export const BODY_FIELD: Record<RecordKind, string> = {
  deployments: 'deployments',
  incidents: 'incidents',
  'survey-responses': 'responses',
  'adoption-snapshots': 'snapshots',
};

export const zeroCounts = (): Counts => ({
  received: 0,
  created: 0,
  updated: 0,
  skipped: 0,
});

export function addCounts(
  into: Counts,
  result: IngestResult & { skipped?: number },
) {
  const received = Number(result.received ?? 0);
  const created = Number(result.created ?? 0);
  const updated = Number(result.updated ?? 0);
  // an insert-only import answers `skipped`; without it, what was neither created nor updated
  const skipped =
    typeof result.skipped === 'number'
      ? result.skipped
      : Math.max(0, received - created - updated);
  into.received += received;
  into.created += created;
  into.updated += updated;
  into.skipped += skipped;
}

/**
 * The items a 400 message names, with what it says about each:
 * `Invalid request: deployments[3].finishedAt: bad; deployments[7].id: empty`
 * gives 3 -> `finishedAt: bad`, 7 -> `id: empty`.
 */
export function namedItems(
  field: string,
  message: string,
  size: number,
): Map<number, string> {
  const named = new Map<number, string>();
  const re = new RegExp(`${field}\\[(\\d+)\\]\\.?`, 'g');
  const hits = [...message.matchAll(re)];
  hits.forEach((hit, i) => {
    const index = Number(hit[1]);
    if (index >= size) return;
    const end = i + 1 < hits.length ? hits[i + 1].index! : message.length;
    let text = message.slice(hit.index! + hit[0].length, end).trim();
    text = text
      .replace(/^:\s*/, '')
      .replace(/[;,]\s*$/, '')
      .replace(/\s*\(and \d+ more\)$/, '');
    const before = named.get(index);
    named.set(index, before ? `${before}; ${text}` : text || message);
  });
  return named;
}

export type Post = (records: unknown[]) => Promise<IngestResult>;

/**
 * Sends one batch; answers the rejections. `strict` stops at the first
 * rejection instead (nothing of this batch is written then).
 */
export async function sendBatch(
  kind: RecordKind,
  batch: Pending[],
  post: Post,
  counts: Counts,
  strict: boolean,
): Promise<Rejection[]> {
  const rejected: Rejection[] = [];
  const send = async (items: Pending[]): Promise<void> => {
    let pending = items;
    while (pending.length) {
      try {
        addCounts(counts, await post(pending.map(p => p.record)));
        return;
      } catch (e) {
        if (!(e instanceof ApiError) || (e.status !== 400 && e.status !== 413))
          throw e;
        const named =
          e.status === 400
            ? namedItems(BODY_FIELD[kind], e.serverMessage, pending.length)
            : new Map<number, string>();
        if (strict) {
          if (named.size) {
            for (const [index, message] of named)
              rejected.push({ line: pending[index].line, message });
          } else {
            const last = pending[pending.length - 1].line;
            rejected.push({
              line: pending[0].line,
              message: `the batch of lines ${pending[0].line}-${last}: ${e.serverMessage}`,
            });
          }
          return;
        }
        if (named.size) {
          for (const [index, message] of named)
            rejected.push({ line: pending[index].line, message });
          pending = pending.filter((_, i) => !named.has(i));
        } else if (pending.length === 1) {
          rejected.push({ line: pending[0].line, message: e.serverMessage });
          return;
        } else {
          const half = Math.ceil(pending.length / 2);
          await send(pending.slice(0, half));
          await send(pending.slice(half));
          return;
        }
      }
    }
  };
  await send(batch);
  return rejected.sort((a, b) => a.line - b.line);
}
