/**
 * Reads an import file, NDJSON or CSV, as records with their line numbers,
 * streaming (files of millions of lines never sit in memory). A line that
 * cannot be read becomes an error item; the others go on.
 */
import fs from 'node:fs';
import path from 'node:path';
import { UsageError } from '../errors';
import { RecordKind, RECORD_KINDS } from '../validate';
import { CsvParser, CsvRow } from './csv';

export type FileFormat = 'ndjson' | 'csv';

export interface FileItem {
  /** 1-based line of the file the record starts on. */
  line: number;
  record?: Record<string, unknown>;
  /** Why the line is not a record. */
  error?: string;
}

/** The CSV columns of each kind, as the API names the fields. */
export const CSV_COLUMNS: Record<RecordKind, string[]> = {
  deployments: [
    'id',
    'source',
    'entityRef',
    'environment',
    'status',
    'finishedAt',
    'startedAt',
    'version',
    'commitSha',
    'type',
    'remediates',
    'changes',
  ],
  incidents: [
    'id',
    'source',
    'entityRef',
    'openedAt',
    'resolvedAt',
    'severity',
    'causedBy',
    'affectedDevelopers',
  ],
  'survey-responses': [
    'surveyId',
    'userRef',
    'score',
    'comment',
    'submittedAt',
  ],
  'adoption-snapshots': ['scope', 'day', 'adopted', 'eligible', 'exceptions'],
};

/** The CSV columns that hold whole numbers (a cell that is not one is left a string, for the check to name). */
const NUMBER_COLUMNS = new Set(['score', 'adopted', 'eligible', 'exceptions', 'affectedDevelopers']);

const ALIASES: Record<string, string> = {
  entity: 'entityRef',
  user: 'userRef',
};

/** Header cells match case-insensitively, ignoring `_`, `-` and spaces: `finished_at` is `finishedAt`. */
const normalizeHeader = (h: string) =>
  h
    .trim()
    .toLowerCase()
    .replace(/[-_\s]/g, '');

export function formatOf(file: string, explicit?: string): FileFormat {
  if (explicit) {
    if (explicit !== 'ndjson' && explicit !== 'csv') {
      throw new UsageError(`--format must be ndjson or csv; got ${explicit}`);
    }
    return explicit;
  }
  const ext = path.extname(file).toLowerCase();
  if (ext === '.csv') return 'csv';
  if (ext === '.ndjson' || ext === '.jsonl') return 'ndjson';
  throw new UsageError(
    `cannot tell the format of ${file} by its extension (.ndjson, .jsonl or .csv): pass --format`,
  );
}

/** The kind a file name suggests (`deployments-2024.csv`), if any. */
export function kindOfFileName(file: string): RecordKind | undefined {
  const base = path.basename(file).toLowerCase();
  if (/deploy/.test(base)) return 'deployments';
  if (/incident/.test(base)) return 'incidents';
  if (/survey|response|nps/.test(base)) return 'survey-responses';
  if (/adoption|snapshot/.test(base)) return 'adoption-snapshots';
  return undefined;
}

/** The kind a record's (or header's) fields suggest, if any. */
export function kindOfFields(fields: string[]): RecordKind | undefined {
  const has = (f: string) => fields.includes(f);
  if (has('finishedAt') || has('environment')) return 'deployments';
  if (has('openedAt')) return 'incidents';
  if (has('score') || has('surveyId')) return 'survey-responses';
  if (has('eligible') || has('adopted')) return 'adoption-snapshots';
  return undefined;
}

/** A CSV `changes` cell, `sha@time;sha@time`, as the API's list. */
export function parseChanges(
  cell: string,
): Array<{ id: string; committedAt: string }> {
  return cell
    .split(';')
    .map(part => part.trim())
    .filter(Boolean)
    .map(part => {
      const at = part.lastIndexOf('@');
      if (at <= 0 || at === part.length - 1) {
        throw new Error(
          `changes: expected id@committedAt pairs separated by ";", got "${part}"`,
        );
      }
      return {
        id: part.slice(0, at).trim(),
        committedAt: part.slice(at + 1).trim(),
      };
    });
}

/** Maps a CSV header to the API's field names; unknown columns are a usage error. */
export function csvHeader(kind: RecordKind, header: string[]): string[] {
  const known = new Map(CSV_COLUMNS[kind].map(c => [normalizeHeader(c), c]));
  for (const [alias, column] of Object.entries(ALIASES)) {
    if (CSV_COLUMNS[kind].includes(column)) known.set(alias, column);
  }
  const columns = header.map(h => {
    const column = known.get(normalizeHeader(h));
    if (!column) {
      throw new UsageError(
        `unknown ${kind} CSV column "${h}" (columns: ${CSV_COLUMNS[kind].join(
          ', ',
        )})`,
      );
    }
    return column;
  });
  const dup = columns.find((c, i) => columns.indexOf(c) !== i);
  if (dup) throw new UsageError(`CSV column ${dup} appears twice`);
  return columns;
}

/** One CSV row as a record: empty cells are absent, `score` and the adoption counts numbers, `changes` a list. */
export function csvRecord(columns: string[], row: CsvRow): FileItem {
  if (row.error) return { line: row.line, error: row.error };
  if (row.fields.length !== columns.length) {
    return {
      line: row.line,
      error: `expected ${columns.length} fields, got ${row.fields.length}`,
    };
  }
  const record: Record<string, unknown> = {};
  try {
    columns.forEach((column, i) => {
      const cell = row.fields[i];
      if (cell.trim() === '') return;
      if (column === 'changes') record.changes = parseChanges(cell);
      else if (NUMBER_COLUMNS.has(column) && /^\s*[+-]?\d+\s*$/.test(cell))
        record[column] = Number(cell);
      else record[column] = cell;
    });
  } catch (e) {
    return { line: row.line, error: (e as Error).message };
  }
  return { line: row.line, record };
}

/** Chunks of a file as text, telling how many bytes were read. */
async function* chunks(
  file: string,
  onBytes: (bytes: number) => void,
): AsyncGenerator<string> {
  const stream = fs.createReadStream(file);
  const decoder = new TextDecoder('utf-8');
  for await (const buffer of stream as AsyncIterable<Buffer>) {
    onBytes(buffer.length);
    yield decoder.decode(buffer, { stream: true });
  }
  const rest = decoder.decode();
  if (rest) yield rest;
}

function ndjsonItem(
  text: string,
  line: number,
): (FileItem & { text?: string }) | undefined {
  const trimmed = text.trim();
  if (!trimmed) return undefined;
  try {
    const value = JSON.parse(trimmed);
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      return {
        line,
        error: 'expected a JSON object',
        text: trimmed.slice(0, 1),
      };
    }
    return { line, record: value };
  } catch (e) {
    return {
      line,
      error: `not JSON: ${(e as Error).message}`,
      text: trimmed.slice(0, 1),
    };
  }
}

async function* ndjson(
  file: string,
  onBytes: (bytes: number) => void,
): AsyncGenerator<FileItem & { text?: string }> {
  let pending = '';
  let line = 0;
  for await (const text of chunks(file, onBytes)) {
    pending += text;
    const lines = pending.split('\n');
    pending = lines.pop()!;
    for (const l of lines) {
      const item = ndjsonItem(l, ++line);
      if (item) yield item;
    }
  }
  const item = ndjsonItem(pending, ++line);
  if (item) yield item;
}

async function* csvRows(
  file: string,
  onBytes: (bytes: number) => void,
): AsyncGenerator<CsvRow> {
  const parser = new CsvParser();
  for await (const text of chunks(file, onBytes)) yield* parser.push(text);
  yield* parser.end();
}

export interface ImportFile {
  kind: RecordKind;
  format: FileFormat;
  /** The file's size in bytes. */
  size: number;
  /** Reads the file (again) from the start. */
  items(onBytes?: (bytes: number) => void): AsyncGenerator<FileItem>;
}

/** Opens an import file: its format, its kind (given, by name or by its first record) and its items. */
export async function openImportFile(
  file: string,
  opts: { format?: string; kind?: RecordKind },
): Promise<ImportFile> {
  let size: number;
  try {
    size = (await fs.promises.stat(file)).size;
  } catch {
    throw new UsageError(`cannot read ${file}`);
  }
  const format = formatOf(file, opts.format);
  const noop = () => {};
  let kind = opts.kind ?? kindOfFileName(file);
  if (format === 'csv') {
    const rows = csvRows(file, noop);
    const first = await rows.next();
    await rows.return(undefined);
    const header = first.done ? [] : first.value.fields;
    if (!header.length || (header.length === 1 && !header[0].trim())) {
      throw new UsageError(`${file} has no header line`);
    }
    kind ??= RECORD_KINDS.find(k => {
      try {
        return kindOfFields(csvHeader(k, header)) === k;
      } catch {
        return false;
      }
    });
    if (!kind)
      throw new UsageError(
        `cannot tell what ${file} holds from its name or header: pass --kind`,
      );
    const columns = csvHeader(kind, header);
    return {
      kind,
      format,
      size,
      async *items(onBytes = noop) {
        let isHeader = true;
        for await (const row of csvRows(file, onBytes)) {
          if (isHeader) isHeader = false;
          else yield csvRecord(columns, row);
        }
      },
    };
  }
  let first = true;
  for await (const item of ndjson(file, noop)) {
    if (first && item.text === '[') {
      throw new UsageError(
        `${file} holds a JSON array; import takes one JSON object per line (e.g. jq -c '.[]' ${path.basename(
          file,
        )})`,
      );
    }
    first = false;
    if (kind) break;
    if (item.record) {
      // the first record decides
      kind = kindOfFields(Object.keys(item.record));
      break;
    }
  }
  if (!kind)
    throw new UsageError(
      `cannot tell what ${file} holds from its name or first record: pass --kind`,
    );
  return {
    kind,
    format,
    size,
    items: (onBytes = noop) => ndjson(file, onBytes),
  };
}
