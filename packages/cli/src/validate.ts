/**
 * Local validation of one record against the ingestion API's request schema
 * (the spec's copy in `schema/recordSchemas.json`), plus the rules the spec
 * cannot state (a timestamp that parses, `finishedAt` not before
 * `startedAt`, `resolvedAt` not before `openedAt`, a snapshot's day of the
 * calendar with `adopted + exceptions` at most `eligible`; whether a day is
 * not after today is the backend's to say, by its clock). The backend checks the
 * same again; this only lets the CLI name bad lines before sending.
 */
import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import { RECORD_SCHEMA_NAMES } from './schema/extract';
import recordSchemas from './schema/recordSchemas.json';

/** What `import` sends: the records of one ingestion endpoint. */
export type RecordKind = keyof typeof RECORD_SCHEMA_NAMES;

export const RECORD_KINDS = Object.keys(RECORD_SCHEMA_NAMES) as RecordKind[];

const TIMESTAMP_FIELDS = [
  'finishedAt',
  'startedAt',
  'openedAt',
  'resolvedAt',
  'submittedAt',
];

let validators: Map<RecordKind, ValidateFunction> | undefined;

function compile(): Map<RecordKind, ValidateFunction> {
  const ajv = new Ajv({ allErrors: true, strict: false });
  ajv.addSchema(recordSchemas, 'spec');
  const map = new Map<RecordKind, ValidateFunction>();
  for (const kind of RECORD_KINDS) {
    const validate = ajv.getSchema(
      `spec#/components/schemas/${RECORD_SCHEMA_NAMES[kind]}`,
    );
    if (!validate) throw new Error(`no schema for ${kind}`);
    map.set(kind, validate);
  }
  return map;
}

/** `/changes/0/committedAt` -> `changes[0].committedAt` */
function fieldOf(instancePath: string, extra?: string): string {
  let where = '';
  const segments = instancePath.split('/').slice(1);
  if (extra !== undefined) segments.push(extra);
  for (const raw of segments) {
    const seg = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (/^\d+$/.test(seg)) where += `[${seg}]`;
    else where += where ? `.${seg}` : seg;
  }
  return where;
}

function patternMessage(pattern: string): string {
  // before the timestamp's [Tt]: the scope's kinds spell [Ss][Yy][Ss][Tt]...
  if (pattern.includes('[Gg][Rr][Oo][Uu][Pp]')) {
    return 'expected org or the entity ref of a group, system or domain, with its kind (e.g. group:default/payments-team)';
  }
  if (pattern === '^\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])$') {
    return 'expected a UTC day YYYY-MM-DD, e.g. 2026-03-02';
  }
  if (pattern.includes('[Tt]')) {
    return 'expected an ISO-8601 timestamp with a time zone, e.g. 2026-01-31T12:00:00Z';
  }
  if (pattern.includes('(Q[1-4]')) {
    return 'expected a survey id like 2026-Q4 or 2026-M11';
  }
  if (pattern.includes('[0-9a-fA-F]{7,64}')) {
    return 'expected a commit sha (7 to 64 hex digits)';
  }
  if (pattern.includes('(?=[A-Za-z0-9-]{1,63}/)')) {
    return 'expected an entity ref like component:default/payments-api';
  }
  if (pattern === '\\S') return 'must not be blank';
  return `must match ${pattern}`;
}

function describe(error: ErrorObject): string {
  const p = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return `${fieldOf(
        error.instancePath,
        String(p.missingProperty),
      )}: is required`;
    case 'additionalProperties':
      return `${fieldOf(
        error.instancePath,
        String(p.additionalProperty),
      )}: unknown field`;
    case 'enum':
      return `${fieldOf(error.instancePath)}: expected one of ${(
        p.allowedValues as unknown[]
      ).join(', ')}`;
    case 'pattern':
      return `${fieldOf(error.instancePath)}: ${patternMessage(
        String(p.pattern),
      )}`;
    default: {
      const field = fieldOf(error.instancePath);
      return field ? `${field}: ${error.message}` : String(error.message);
    }
  }
}

const before = (a: unknown, b: unknown) =>
  typeof a === 'string' &&
  typeof b === 'string' &&
  Date.parse(a) < Date.parse(b);

/** A `YYYY-MM-DD` that is a day of the calendar (2026-02-30 is not). */
const isCalendarDay = (day: string) => {
  const t = Date.parse(`${day}T00:00:00Z`);
  return Number.isFinite(t) && new Date(t).toISOString().slice(0, 10) === day;
};

/** The rules of an adoption snapshot the spec cannot state, as the backend words them. */
function snapshotProblem(r: Record<string, unknown>): string | undefined {
  if (typeof r.day === 'string' && !isCalendarDay(r.day)) {
    return `day: ${r.day} is not a day of the calendar`;
  }
  const [adopted, eligible, exceptions] = [r.adopted, r.eligible, r.exceptions];
  if (
    typeof adopted === 'number' &&
    typeof eligible === 'number' &&
    typeof exceptions === 'number' &&
    adopted + exceptions > eligible
  ) {
    return `eligible: must be at least adopted + exceptions (${adopted} + ${exceptions})`;
  }
  return undefined;
}

/**
 * Why a record is bad input for the API, or undefined when it is fine.
 * Messages name the field, like the backend's: `finishedAt: ...`.
 */
export function validateRecord(
  kind: RecordKind,
  record: unknown,
): string | undefined {
  validators ??= compile();
  const validate = validators.get(kind)!;
  if (!validate(record)) {
    const seen = new Set<string>();
    for (const e of validate.errors ?? []) seen.add(describe(e));
    return [...seen].join('; ');
  }
  const r = record as Record<string, unknown>;
  if (kind === 'adoption-snapshots') return snapshotProblem(r);
  const problems: string[] = [];
  const stamps: Array<[string, unknown]> = TIMESTAMP_FIELDS.map(f => [f, r[f]]);
  if (Array.isArray(r.changes)) {
    r.changes.forEach((c, i) =>
      stamps.push([`changes[${i}].committedAt`, c?.committedAt]),
    );
  }
  for (const [field, value] of stamps) {
    if (typeof value === 'string' && Number.isNaN(Date.parse(value))) {
      problems.push(`${field}: not a date`);
    }
  }
  if (problems.length) return problems.join('; ');
  if (before(r.finishedAt, r.startedAt)) {
    return 'finishedAt: finishedAt is before startedAt';
  }
  if (before(r.resolvedAt, r.openedAt)) {
    return 'resolvedAt: resolvedAt is before openedAt';
  }
  return undefined;
}
