/**
 * `platform-metrics incident open|resolve`: records an incident as it opens
 * and again as it is resolved. The backend upserts incidents on
 * `(source, id)` and replaces every field, so `resolve` re-sends the open
 * time (`--opened-at`) and whatever else should stay (severity, cause).
 */
import {
  Incident,
  IngestResult,
} from '@platform-metrics/plugin-platform-metrics-common';
import { createClient, readJson } from '../http';
import { UsageError } from '../errors';
import {
  CliIo,
  connectionFrom,
  CONNECTION_USAGE,
  logger,
  parseCommand,
  required,
  str,
  timestamp,
} from '../options';

export const INCIDENT_USAGE = `Usage: platform-metrics incident open --entity REF --id ID [options]
       platform-metrics incident resolve --entity REF --id ID --opened-at TIME [options]

open      Records the incident as open since --at (default now).
resolve   Records it as resolved at --at (default now). The backend replaces the
          whole record, so pass the open time again (--opened-at) and the same
          --severity and --caused-by as when it opened.

Options:
  --entity REF         Entity ref, [kind:][namespace/]name (kind defaults to component)
  --id ID              The incident's id in your incident tool, e.g. INC-1042
  --source NAME        Default cli; (source, id) is the idempotency key
  --at TIME            When it opened (open) or was resolved (resolve); ISO-8601
                       with a time zone, or now (default now)
  --opened-at TIME     When it opened (required by resolve; open takes it as --at)
  --severity S         e.g. SEV2
  --caused-by ID       Id of the deployment that caused it
  --dry-run            Print the request body instead of sending it

Prints the incident id on stdout.

${CONNECTION_USAGE}
`;

const OPTIONS = {
  entity: { type: 'string' },
  id: { type: 'string' },
  source: { type: 'string' },
  at: { type: 'string' },
  'opened-at': { type: 'string' },
  severity: { type: 'string' },
  'caused-by': { type: 'string' },
  'dry-run': { type: 'boolean' },
} as const;

export async function incidentCommand(
  argv: string[],
  io: CliIo,
): Promise<number> {
  const { values, positionals } = parseCommand(argv, OPTIONS);
  const [action, ...rest] = positionals;
  if (values.help) {
    io.stdout.write(INCIDENT_USAGE);
    return 0;
  }
  if (action !== 'open' && action !== 'resolve') {
    throw new UsageError(
      action
        ? `unknown incident action ${action} (open or resolve)`
        : 'incident open or incident resolve?',
    );
  }
  if (rest.length) throw new UsageError(`unexpected argument ${rest[0]}`);
  const log = logger(io, values);
  const at = timestamp(values, 'at') ?? new Date().toISOString();
  let openedAt = timestamp(values, 'opened-at');
  if (action === 'open') {
    if (openedAt && values.at)
      throw new UsageError('incident open takes --at or --opened-at, not both');
    openedAt ??= at;
  } else if (!openedAt) {
    throw new UsageError(
      'incident resolve needs --opened-at: the backend replaces the whole incident, so its open time is sent again',
    );
  }
  const incident: Incident = {
    id: required(values, 'id'),
    source: str(values, 'source') ?? 'cli',
    entityRef: required(values, 'entity'),
    openedAt,
    ...(action === 'resolve' ? { resolvedAt: at } : {}),
    ...(str(values, 'severity') ? { severity: str(values, 'severity') } : {}),
    ...(str(values, 'caused-by') ? { causedBy: str(values, 'caused-by') } : {}),
  };
  if (values['dry-run']) {
    io.stdout.write(`${JSON.stringify({ incidents: [incident] }, null, 2)}\n`);
    return 0;
  }
  const connection = connectionFrom(io, values);
  const res = await createClient(connection).ingestIncidents(
    { body: { incidents: [incident] } },
    { token: connection.token },
  );
  const result = await readJson<IngestResult>('POST /incidents', res);
  log(
    `platform-metrics: incident ${incident.id} of ${incident.entityRef} ${
      action === 'open' ? `open since ${openedAt}` : `resolved at ${at}`
    } (${result.created ? 'recorded' : 'updated'})`,
  );
  io.stdout.write(`${incident.id}\n`);
  return 0;
}
