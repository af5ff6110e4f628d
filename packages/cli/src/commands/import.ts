/**
 * `platform-metrics import <file>`: history and pre-platform baselines from
 * NDJSON or CSV files, in batches, idempotently, naming every bad line.
 */
import path from 'node:path';
import {
  DefaultApiClient,
  Deployment,
  ImportedAdoptionSnapshot,
  ImportedSurveyResponse,
  Incident,
  IngestResult,
  MAX_BATCH,
  TypedResponse,
} from '@platform-metrics/plugin-platform-metrics-common';
import { createClient, readJson } from '../http';
import { UsageError } from '../errors';
import { FileItem, openImportFile } from '../import/read';
import {
  Counts,
  Pending,
  Post,
  Rejection,
  sendBatch,
  zeroCounts,
} from '../import/send';
import {
  CliIo,
  connectionFrom,
  CONNECTION_USAGE,
  int,
  oneOf,
  parseCommand,
  str,
} from '../options';
import { createProgressBar } from '../progress';
import { RECORD_KINDS, RecordKind, validateRecord } from '../validate';

export const IMPORT_USAGE = `Usage: platform-metrics import FILE [options]

Imports deployments, incidents, survey answers or past adoption snapshots
from an NDJSON or CSV file (history, or a baseline from before the platform).
Records are upserted on (source, id) (snapshots on scope and day), so
importing the same file again creates nothing new.

Options:
  --kind K             deployments | incidents | survey-responses | adoption-snapshots
                       (default: by the file name, else by the first record or CSV header)
  --format F           ndjson | csv (default by extension: .ndjson .jsonl .json / .csv)
  --batch N            Records per request, 1 to ${MAX_BATCH} (default ${MAX_BATCH})
  --source NAME        The source of records that name none (default: the API's, api)
  --strict             Write nothing when any line is bad: every line is checked
                       before the first is sent
  --no-validate        Skip the local check against the CLI's copy of the API spec
                       and let the backend judge each line (for a backend newer
                       than the CLI); --strict then stops at the first rejected batch
  --json               Print the summary as JSON on stdout
  --dry-run            Check every line; send nothing

Bad lines are reported with their line numbers; the good ones are all written.
Exit codes: 0 all written, 3 written except the rejected lines, 1 an error
(or --strict with a bad line: nothing written), 2 a usage error.

${CONNECTION_USAGE}
`;

const OPTIONS = {
  kind: { type: 'string' },
  format: { type: 'string' },
  batch: { type: 'string' },
  source: { type: 'string' },
  strict: { type: 'boolean' },
  'no-validate': { type: 'boolean' },
  json: { type: 'boolean' },
  'dry-run': { type: 'boolean' },
} as const;

/** How many rejected lines the text summary lists (`--json` has them all). */
const LISTED = 50;

interface Summary {
  file: string;
  kind: RecordKind;
  format: string;
  records: number;
  sent: number;
  counts: Counts;
  rejected: Rejection[];
  /** What was not written: `dry-run` (nothing sent), `strict` (a bad line, nothing sent). */
  notWritten?: 'dry-run' | 'strict';
  error?: string;
}

function printSummary(io: CliIo, s: Summary, json: boolean) {
  if (json) {
    const { counts, ...rest } = s;
    io.stdout.write(`${JSON.stringify({ ...rest, ...counts }, null, 2)}\n`);
    return;
  }
  const pad = (n: number) => String(n).padStart(8);
  const lines = [
    `${s.kind} from ${s.file} (${s.format}): ${s.records} records, ${s.sent} sent`,
    `  created  ${pad(s.counts.created)}`,
    `  updated  ${pad(s.counts.updated)}`,
    `  skipped  ${pad(s.counts.skipped)}`,
    `  rejected ${pad(s.rejected.length)}`,
    ...s.rejected.slice(0, LISTED).map(r => `    line ${r.line}: ${r.message}`),
  ];
  if (s.rejected.length > LISTED)
    lines.push(
      `    ... and ${s.rejected.length - LISTED} more (--json lists them all)`,
    );
  if (s.notWritten === 'strict') lines.push('  nothing written (--strict)');
  if (s.notWritten === 'dry-run') lines.push('  nothing sent (--dry-run)');
  if (s.error) lines.push(`  stopped: ${s.error}`);
  io.stdout.write(`${lines.join('\n')}\n`);
}

/** The kinds whose records have a `source` (`--source` fills it in). */
const HAS_SOURCE: ReadonlySet<RecordKind> = new Set([
  'deployments',
  'incidents',
]);

/** A file item as a record to send, or why it is rejected (locally). */
function check(
  kind: RecordKind,
  item: FileItem,
  source: string | undefined,
  validate: boolean,
): Pending | Rejection {
  if (!item.record)
    return { line: item.line, message: item.error ?? 'unreadable' };
  const record =
    source && HAS_SOURCE.has(kind) && item.record.source === undefined
      ? { ...item.record, source }
      : item.record;
  const invalid = validate ? validateRecord(kind, record) : undefined;
  return invalid
    ? { line: item.line, message: invalid }
    : { line: item.line, record };
}

/** Posts a batch of each kind through the generated client. */
const SENDERS: Record<
  RecordKind,
  (
    client: DefaultApiClient,
    records: unknown[],
    options: { token: string },
  ) => Promise<TypedResponse<IngestResult>>
> = {
  deployments: (client, records, options) =>
    client.ingestDeployments(
      { body: { deployments: records as Deployment[] } },
      options,
    ),
  incidents: (client, records, options) =>
    client.ingestIncidents(
      { body: { incidents: records as Incident[] } },
      options,
    ),
  'survey-responses': (client, records, options) =>
    client.importSurveyResponses(
      { body: { responses: records as ImportedSurveyResponse[] } },
      options,
    ),
  'adoption-snapshots': (client, records, options) =>
    client.importAdoptionSnapshots(
      { body: { snapshots: records as ImportedAdoptionSnapshot[] } },
      options,
    ),
};

const isRejection = (x: Pending | Rejection): x is Rejection => 'message' in x;

export async function importCommand(
  argv: string[],
  io: CliIo,
): Promise<number> {
  const { values, positionals } = parseCommand(argv, OPTIONS);
  if (values.help) {
    io.stdout.write(IMPORT_USAGE);
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError('import takes one file');
  const file = path.resolve(io.cwd, positionals[0]);
  const batchSize = int(values, 'batch', MAX_BATCH, { min: 1, max: MAX_BATCH });
  const strict = !!values.strict;
  const validate = !values['no-validate'];
  const dryRun = !!values['dry-run'];
  const json = !!values.json;
  const source = str(values, 'source');
  const input = await openImportFile(file, {
    format: str(values, 'format'),
    kind: oneOf(values, 'kind', RECORD_KINDS),
  });
  const { kind } = input;
  if (source && kind === 'survey-responses')
    throw new UsageError('survey answers have no source');
  if (source && kind === 'adoption-snapshots')
    throw new UsageError('adoption snapshots have no source');
  const connection = dryRun ? undefined : connectionFrom(io, values);
  const summary: Summary = {
    file: positionals[0],
    kind,
    format: input.format,
    records: 0,
    sent: 0,
    counts: zeroCounts(),
    rejected: [],
  };

  // --strict, --dry-run: every line is checked before anything is sent
  if (strict || dryRun) {
    for await (const item of input.items()) {
      summary.records++;
      const checked = check(kind, item, source, validate);
      if (isRejection(checked)) summary.rejected.push(checked);
    }
    if (dryRun || summary.rejected.length) {
      summary.notWritten = dryRun ? 'dry-run' : 'strict';
      printSummary(io, summary, json);
      if (!summary.rejected.length) return 0;
      return strict ? 1 : 3;
    }
    summary.records = 0;
  }

  const client = connection && createClient(connection);
  const post: Post = async records => {
    const options = { token: connection!.token };
    const res = await SENDERS[kind](client!, records, options);
    return readJson<IngestResult>(`POST /${kind}`, res);
  };

  const showBar = !values.quiet;
  const bar = createProgressBar(`import ${kind}`, io.stderr);
  let bytes = 0;
  const progress = () =>
    showBar &&
    bar.update(
      input.size ? bytes / input.size : 1,
      `${summary.sent} sent${
        summary.rejected.length ? `, ${summary.rejected.length} rejected` : ''
      }`,
    );

  let batch: Pending[] = [];
  const flush = async () => {
    if (!batch.length) return;
    const sending = batch;
    batch = [];
    const rejected = await sendBatch(
      kind,
      sending,
      post,
      summary.counts,
      strict,
    );
    summary.rejected.push(...rejected);
    if (strict && rejected.length) {
      throw new Error(
        `the backend rejected a batch (--strict): nothing of it was written${
          summary.sent ? `, the ${summary.sent} records before it were` : ''
        }`,
      );
    }
    summary.sent += sending.length - rejected.length;
    progress();
  };

  try {
    for await (const item of input.items(n => (bytes += n))) {
      summary.records++;
      const checked = check(kind, item, source, validate);
      if (isRejection(checked)) summary.rejected.push(checked);
      else batch.push(checked);
      if (batch.length >= batchSize) await flush();
    }
    await flush();
  } catch (e) {
    summary.error = (e as Error).message;
  }
  if (showBar) bar.finish(`${summary.sent} sent`);
  summary.rejected.sort((a, b) => a.line - b.line);
  printSummary(io, summary, json);
  if (summary.error) return 1;
  return summary.rejected.length ? 3 : 0;
}
