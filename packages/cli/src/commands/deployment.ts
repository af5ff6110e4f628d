/**
 * `platform-metrics deployment`: records one deployment of HEAD, with the
 * commits it ships computed from the local git history.
 */
import path from 'node:path';
import {
  Deployment,
  DeploymentChange,
  IngestResult,
  LatestDeployment,
} from '@platform-metrics/plugin-platform-metrics-common';
import { defaultDeploymentId, parseEntityRef } from '../ci';
import {
  changesBetween,
  firstParentHistory,
  hasCommit,
  isShallow,
  MAX_CHANGES,
  resolveCommit,
} from '../git';
import { Connection, createClient, readJson } from '../http';
import { ApiError, UsageError } from '../errors';
import {
  CliIo,
  connectionFrom,
  CONNECTION_USAGE,
  int,
  logger,
  oneOf,
  parseCommand,
  required,
  str,
  timestamp,
} from '../options';

export const DEPLOYMENT_USAGE = `Usage: platform-metrics deployment --entity REF --environment ENV --status succeeded|failed [options]

Records a deployment of the checked-out commit (HEAD) with the commits it ships.

Changes (one of; default --since-last):
  --since-last         The commits since the entity's latest successful deployment to
                       ENV, as the backend knows it (its commitSha..HEAD)
  --since REV          The commits in REV..HEAD
  --no-changes         No changes
  --initial-changes N  When the backend knows no earlier deployment with a commit:
                       send HEAD's first-parent history, at most N commits (default 0)
  --commit-time T      committer (default) | author: which date of a commit is its time
                       (lead time runs from it)

Deployment:
  --entity REF         Entity ref, [kind:][namespace/]name (kind defaults to component)
  --environment ENV    e.g. production
  --status S           succeeded | failed
  --id ID              Default <CI run id>:<entity>:<environment>, else <HEAD sha>:<entity>:<environment>
  --source NAME        Default cli; (source, id) is the idempotency key
  --finished-at TIME   ISO-8601 with a time zone, or now (default now)
  --started-at TIME    ISO-8601 with a time zone
  --type T             standard | hotfix | rollback
  --remediates ID      Id of the deployment this one repairs
  --version V          The version deployed
  --head REV           The commit deployed (default HEAD)
  --repo DIR           The git checkout (default the current directory)
  --dry-run            Print the request body instead of sending it

Prints the deployment id on stdout.

${CONNECTION_USAGE}
`;

const OPTIONS = {
  entity: { type: 'string' },
  environment: { type: 'string' },
  status: { type: 'string' },
  since: { type: 'string' },
  'since-last': { type: 'boolean' },
  'no-changes': { type: 'boolean' },
  'initial-changes': { type: 'string' },
  'commit-time': { type: 'string' },
  id: { type: 'string' },
  source: { type: 'string' },
  'finished-at': { type: 'string' },
  'started-at': { type: 'string' },
  type: { type: 'string' },
  remediates: { type: 'string' },
  version: { type: 'string' },
  head: { type: 'string' },
  repo: { type: 'string' },
  'dry-run': { type: 'boolean' },
} as const;

function shortSha(sha: string) {
  return sha.slice(0, 12);
}

export async function deploymentCommand(
  argv: string[],
  io: CliIo,
): Promise<number> {
  const { values, positionals } = parseCommand(argv, OPTIONS);
  if (values.help) {
    io.stdout.write(DEPLOYMENT_USAGE);
    return 0;
  }
  if (positionals.length)
    throw new UsageError(`unexpected argument ${positionals[0]}`);
  const log = logger(io, values);
  const entity = required(values, 'entity');
  const environment = required(values, 'environment');
  const status = oneOf(values, 'status', ['succeeded', 'failed'] as const);
  if (!status)
    throw new UsageError('--status is required (succeeded or failed)');
  const modes = ['since', 'since-last', 'no-changes'].filter(
    m => values[m] !== undefined,
  );
  if (modes.length > 1)
    throw new UsageError(`--${modes.join(' and --')} exclude each other`);
  const mode = modes[0] ?? 'since-last';
  const initialChanges = int(values, 'initial-changes', 0, {
    max: MAX_CHANGES,
  });
  const commitTime =
    oneOf(values, 'commit-time', ['committer', 'author'] as const) ??
    'committer';
  const repo = path.resolve(io.cwd, str(values, 'repo') ?? '.');
  const source = str(values, 'source') ?? 'cli';
  const dryRun = !!values['dry-run'];
  const fields = {
    finishedAt: timestamp(values, 'finished-at') ?? new Date().toISOString(),
    startedAt: timestamp(values, 'started-at'),
    version: str(values, 'version'),
    type: oneOf(values, 'type', ['standard', 'hotfix', 'rollback'] as const),
    remediates: str(values, 'remediates'),
  };

  let connection: Connection | undefined;
  const connect = () => (connection ??= connectionFrom(io, values));
  // before any git work: a missing URL or token fails fast
  if (!dryRun || mode === 'since-last') connect();

  const head = str(values, 'head') ?? 'HEAD';
  const headSha =
    mode === 'no-changes'
      ? await resolveCommit(repo, head).catch(() => undefined)
      : await resolveCommit(repo, head);
  const id =
    str(values, 'id') ??
    defaultDeploymentId({
      env: io.env,
      entity,
      environment,
      commitSha: headSha,
    });
  if (!id)
    throw new UsageError(
      'pass --id: no CI run id in the environment and no git commit',
    );

  let changes: DeploymentChange[] = [];
  // false: more commits shipped than one deployment may carry (the backend's coverage shows it)
  let complete = true;
  let shipped = 'no changes';
  const initial = async (why: string) => {
    changes = headSha
      ? await firstParentHistory(repo, headSha, initialChanges, commitTime)
      : [];
    shipped = `${changes.length} changes (${why}; HEAD's first-parent history, --initial-changes ${initialChanges})`;
  };
  const between = async (prev: string, what: string) => {
    const result = await changesBetween(
      repo,
      prev,
      headSha!,
      MAX_CHANGES,
      commitTime,
    );
    changes = result.changes;
    complete = !result.truncated;
    shipped = `${changes.length} changes since ${what} ${shortSha(prev)}`;
    if (result.truncated) {
      log(
        `platform-metrics: more than ${MAX_CHANGES} commits in ${shortSha(
          prev,
        )}..HEAD; sending the newest ${MAX_CHANGES}`,
      );
    }
  };

  if (mode === 'since') {
    await between(
      await resolveCommit(repo, str(values, 'since') ?? ''),
      'commit',
    );
  } else if (mode === 'since-last') {
    const { token } = connect();
    const ref = parseEntityRef(entity);
    const res = await createClient(connect()).getLatestDeployment(
      { path: ref, query: { environment } },
      { token },
    );
    let latest: LatestDeployment | undefined;
    try {
      latest = await readJson<LatestDeployment>(
        `GET /entities/${ref.kind}/${ref.namespace}/${ref.name}/deployments/latest`,
        res,
      );
    } catch (e) {
      if (!(e instanceof ApiError && e.status === 404)) throw e;
    }
    if (!latest) {
      await initial(`no earlier deployment of ${entity} to ${environment}`);
    } else if (latest.source === source && latest.id === id) {
      log(
        `platform-metrics: deployment ${id} is already the latest of ${entity} to ${environment}; ` +
          'not re-sent (its changes would be lost); pass --since to send it again',
      );
      io.stdout.write(`${id}\n`);
      return 0;
    } else if (!latest.commitSha) {
      await initial(`the latest deployment, ${latest.id}, has no commitSha`);
    } else if (!(await hasCommit(repo, latest.commitSha))) {
      const shallow = await isShallow(repo).catch(() => false);
      const fix = shallow
        ? ': this is a shallow clone; fetch the history (actions/checkout with fetch-depth: 0, GIT_DEPTH: 0 in GitLab, or git fetch --unshallow)'
        : '; fetch it, or pass --since';
      throw new Error(
        `the latest deployment's commit ${latest.commitSha} (deployment ${latest.id}) is not in ${repo}${fix}`,
      );
    } else {
      await between(latest.commitSha, `deployment ${latest.id} at`);
    }
  }

  const deployment: Deployment = {
    id,
    source,
    entityRef: entity,
    environment,
    status,
    finishedAt: fields.finishedAt,
    startedAt: fields.startedAt,
    version: fields.version,
    commitSha: headSha,
    changes,
    changesComplete: complete ? undefined : false,
    type: fields.type,
    remediates: fields.remediates,
  };
  for (const key of Object.keys(deployment) as Array<keyof Deployment>) {
    if (deployment[key] === undefined) delete deployment[key];
  }
  // the backend validates (its 400 names the field); nothing is checked twice here
  if (dryRun) {
    io.stdout.write(
      `${JSON.stringify({ deployments: [deployment] }, null, 2)}\n`,
    );
    return 0;
  }
  const { token } = connect();
  const res = await createClient(connect()).ingestDeployments(
    { body: { deployments: [deployment] } },
    { token },
  );
  const result = await readJson<IngestResult>('POST /deployments', res);
  log(
    `platform-metrics: deployment ${id} of ${entity} to ${environment} ${
      result.created ? 'recorded' : 'updated'
    }: ${status}, ${headSha ? `commit ${shortSha(headSha)}, ` : ''}${shipped}`,
  );
  io.stdout.write(`${id}\n`);
  return 0;
}
