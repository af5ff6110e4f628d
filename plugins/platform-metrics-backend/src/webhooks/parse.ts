import { isEmailPerson, personOrUndefined } from '../lib/people';
import { lower, normalizeEntityRef } from '../lib/refs';
import { PushRow } from '../database/WebhookStore';
import { ANNOTATIONS, DeploymentFact, MatchKey, ParsedDelivery } from './types';

/**
 * Pure readers of the tools' payloads: what one delivery means, from its
 * event name and parsed JSON body. Field names as the tools document them
 * (see src/webhooks/__fixtures__/README.md).
 */

export interface ParseOptions {
  /** GitHub Actions workflows (by name) whose completed runs are deployments, with their environment. */
  deploymentWorkflows: Array<{ name: string; environment: string }>;
  /** Environment of Argo CD syncs whose notification names none. */
  argocdEnvironment: string;
}

type Json = Record<string, any>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
function str(v: unknown): string | undefined {
  if (typeof v === 'number') return String(v);
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
}

/** Epoch ms of a timestamp, also GitLab's `2026-01-02 03:04:05 +0100` and `... UTC`. */
export function time(v: unknown): number | undefined {
  if (typeof v !== 'string') return undefined;
  let t = Date.parse(v);
  if (Number.isNaN(t)) {
    const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})\s*(UTC|[+-]\d{2}:?\d{2})$/.exec(v.trim());
    if (m) t = Date.parse(`${m[1]}T${m[2]}${m[3] === 'UTC' ? 'Z' : m[3]}`);
  }
  return Number.isNaN(t) ? undefined : t;
}

const sha = (v: unknown) => {
  const s = str(v);
  return s && /^[0-9a-f]{7,64}$/i.test(s) ? lower(s) : undefined;
};

const unprocessable = (reason: string): ParsedDelivery => ({ kind: 'unprocessable', reason });

const key = (annotation: string, value: unknown): MatchKey[] => {
  const v = str(value);
  return v ? [{ annotation, value: lower(v) }] : [];
};

function entityHint(payload: unknown): string | undefined {
  let p = payload;
  if (typeof p === 'string') {
    try {
      p = JSON.parse(p);
    } catch {
      return undefined;
    }
  }
  const ref = isObject(p) ? str(p.backstageEntity) : undefined;
  if (!ref) return undefined;
  try {
    return normalizeEntityRef(ref);
  } catch {
    return undefined;
  }
}

/** An email address a payload gives (`undefined` for none, a redacted or an invalid one). */
function email(v: unknown): string | undefined {
  const person = personOrUndefined(v);
  return person && isEmailPerson(person) ? person : undefined;
}

/**
 * The person behind a GitHub delivery: its `sender`, by login (GitHub's
 * sender carries no email), unless the sender is a bot (`type: "Bot"`,
 * e.g. `github-actions[bot]`), who is nobody's deployment.
 */
function githubActor(sender: unknown): DeploymentFact['actor'] {
  if (!isObject(sender) || lower(str(sender.type) ?? '') === 'bot') return undefined;
  const login = str(sender.login);
  return login && login.length <= 255 ? { githubLogin: lower(login) } : undefined;
}

const withActor = (actor: DeploymentFact['actor']) => (actor ? { actor } : {});

function gitlabActor(user: unknown): DeploymentFact['actor'] {
  const address = isObject(user) ? email(user.email) : undefined;
  return address ? { email: address } : undefined;
}

/** GitHub lists at most this many commits of a push in its hook; GitLab lists the last 20 and their total. */
const GITHUB_MAX_COMMITS = 2048;

/**
 * The push a GitHub or GitLab push hook describes (both name the fields
 * `before`, `after` and `commits[].{id,timestamp}`); `truncated` when the
 * hook says, or suggests, it listed only some of the commits.
 */
function pushOf(source: string, repository: string, body: Json, maxListed: number): PushRow | undefined {
  const before = sha(body.before);
  const after = sha(body.after);
  if (!before || !after) return undefined;
  const listed = Array.isArray(body.commits) ? body.commits : [];
  const commits: PushRow['commits'] = [];
  for (const c of listed) {
    const id = isObject(c) ? sha(c.id) : undefined;
    const committedAt = isObject(c) ? time(c.timestamp) : undefined;
    const author = isObject(c) && isObject(c.author) ? email(c.author.email) : undefined;
    if (id && committedAt !== undefined) commits.push({ id, committedAt, ...(author && { author }) });
  }
  const total = typeof body.total_commits_count === 'number' ? body.total_commits_count : undefined;
  const truncated = (total !== undefined && total > listed.length) || listed.length >= maxListed;
  return { source, repository, before, after, commits, ...(truncated && { truncated }) };
}

const GITHUB_TERMINAL: Record<string, 'succeeded' | 'failed'> = {
  success: 'succeeded',
  failure: 'failed',
  error: 'failed',
};

const WORKFLOW_TERMINAL: Record<string, 'succeeded' | 'failed'> = { success: 'succeeded', failure: 'failed' };
const ARGOCD_TERMINAL: Record<string, 'succeeded' | 'failed'> = {
  succeeded: 'succeeded',
  failed: 'failed',
  error: 'failed',
};

/** A GitHub delivery by its `X-GitHub-Event`. */
export function parseGithub(event: string, body: unknown, options: ParseOptions): ParsedDelivery {
  if (event === 'ping') return { kind: 'ignored', reason: 'ping' };
  if (!isObject(body)) return unprocessable('the body is not a JSON object');
  const match = key(ANNOTATIONS.githubSlug, body.repository?.full_name);
  if (event === 'push') {
    if (!match.length) return unprocessable('push without repository.full_name');
    const push = pushOf('github', match[0].value, body, GITHUB_MAX_COMMITS);
    return { kind: 'activity', match, ...(push && { push }) };
  }
  if (event === 'deployment_status') {
    const status = body.deployment_status;
    const deployment = body.deployment;
    if (!isObject(status) || !isObject(deployment)) return unprocessable('no deployment or deployment_status');
    const id = str(deployment.id);
    const state = str(status.state);
    const occurredAt = time(status.created_at);
    const environment = str(deployment.environment) ?? str(status.environment);
    if (!id || !state || occurredAt === undefined || !environment || !match.length) {
      return unprocessable(
        'deployment_status needs deployment.id, deployment.environment, deployment_status.state, deployment_status.created_at and repository.full_name',
      );
    }
    return {
      kind: 'deployment',
      source: 'github',
      id,
      occurredAt,
      match,
      entity: entityHint(deployment.payload),
      environment: lower(environment),
      status: GITHUB_TERMINAL[lower(state)] ?? null,
      commitSha: sha(deployment.sha),
      ...withActor(githubActor(body.sender)),
    };
  }
  if (event === 'workflow_run') {
    const run = body.workflow_run;
    if (!isObject(run)) return unprocessable('no workflow_run');
    const workflow = options.deploymentWorkflows.find(w => lower(w.name) === lower(str(run.name) ?? ''));
    if (!workflow) return { kind: 'ignored', reason: `workflow '${str(run.name) ?? ''}' is not a deployment workflow` };
    if (body.action !== 'completed') return { kind: 'ignored', reason: `workflow_run ${str(body.action) ?? ''}` };
    const conclusion = lower(str(run.conclusion) ?? '');
    const status = WORKFLOW_TERMINAL[conclusion];
    if (!status) return { kind: 'ignored', reason: `workflow run concluded '${conclusion}'` };
    const id = str(run.id);
    const occurredAt = time(run.updated_at);
    if (!id || occurredAt === undefined || !match.length) {
      return unprocessable('workflow_run needs workflow_run.id, workflow_run.updated_at and repository.full_name');
    }
    return {
      kind: 'deployment',
      source: 'github',
      id: `workflow-run-${id}`,
      occurredAt,
      match,
      environment: lower(workflow.environment),
      status,
      commitSha: sha(run.head_sha),
      ...withActor(githubActor(body.sender)),
    };
  }
  return { kind: 'ignored', reason: `event '${event}' is not used` };
}

function gitlabMatch(project: unknown, projectId: unknown): MatchKey[] {
  const p = isObject(project) ? project : {};
  return [...key(ANNOTATIONS.gitlabSlug, p.path_with_namespace), ...key(ANNOTATIONS.gitlabId, p.id ?? projectId)];
}

const GITLAB_MAX_COMMITS = 20;
const GITLAB_TERMINAL: Record<string, 'succeeded' | 'failed'> = { success: 'succeeded', failed: 'failed' };

/** A GitLab delivery by its `X-Gitlab-Event` (or the body's `object_kind`). */
export function parseGitlab(event: string, body: unknown): ParsedDelivery {
  if (!isObject(body)) return unprocessable('the body is not a JSON object');
  const kind = lower(str(body.object_kind) ?? event.replace(/ Hook$/i, ''));
  const match = gitlabMatch(body.project, body.project_id);
  if (kind === 'push' || kind === 'pipeline') {
    if (!match.length) return unprocessable(`${kind} without project`);
    const slug = match.find(k => k.annotation === ANNOTATIONS.gitlabSlug);
    const push = kind === 'push' && slug ? pushOf('gitlab', slug.value, body, GITLAB_MAX_COMMITS) : undefined;
    return { kind: 'activity', match, ...(push && { push }) };
  }
  if (kind === 'deployment') {
    const id = str(body.deployment_id);
    const state = lower(str(body.status) ?? '');
    const occurredAt = time(body.status_changed_at);
    const environment = str(body.environment);
    if (!id || !state || occurredAt === undefined || !environment || !match.length) {
      return unprocessable('a deployment event needs deployment_id, status, status_changed_at, environment and project');
    }
    // the full sha ends the commit_url (`.../-/commit/<sha>`)
    const fromUrl = typeof body.commit_url === 'string' ? body.commit_url.split('/').pop() : undefined;
    return {
      kind: 'deployment',
      source: 'gitlab',
      id,
      occurredAt,
      match,
      environment: lower(environment),
      status: GITLAB_TERMINAL[state] ?? null,
      commitSha: sha(fromUrl) ?? sha(body.sha),
      // GitLab's deployment hook names the user who deployed; the email is blank or redacted unless public
      ...withActor(gitlabActor(body.user)),
    };
  }
  return { kind: 'ignored', reason: `event '${kind}' is not used` };
}

const PAGERDUTY_TRANSITIONS: Record<string, 'open' | 'resolve'> = {
  'incident.triggered': 'open',
  'incident.reopened': 'open',
  'incident.resolved': 'resolve',
};

/** A PagerDuty v3 delivery: `{ event: { event_type, occurred_at, data: { id, service, ... } } }`. */
export function parsePagerduty(body: unknown): ParsedDelivery {
  const event = isObject(body) ? body.event : undefined;
  if (!isObject(event)) return unprocessable('the body has no event object');
  const type = str(event.event_type) ?? '';
  if (type === 'pagey.ping') return { kind: 'ignored', reason: 'ping' };
  const transition = PAGERDUTY_TRANSITIONS[type];
  if (!transition) return { kind: 'ignored', reason: `event type '${type}' is not used` };
  const data = isObject(event.data) ? event.data : {};
  const id = str(data.id);
  const occurredAt = time(event.occurred_at);
  const match = key(ANNOTATIONS.pagerdutyService, isObject(data.service) ? data.service.id : undefined);
  if (!id || occurredAt === undefined || !match.length) {
    return unprocessable('an incident event needs event.data.id, event.occurred_at and event.data.service.id');
  }
  const severity = str(isObject(data.priority) ? data.priority.summary : undefined) ?? str(data.urgency);
  return {
    kind: 'incident',
    source: 'pagerduty',
    id,
    occurredAt,
    match,
    transition,
    createdAt: time(data.created_at),
    ...(severity && { severity: lower(severity).slice(0, 50) }),
  };
}

/** The delivery id an Argo CD notification carries (see the template in the README). */
export const argocdDeliveryId = (body: unknown) => (isObject(body) ? str(body.deliveryId) : undefined);

/** An Argo CD notification sent by the template documented in the README. */
export function parseArgocd(body: unknown, options: ParseOptions): ParsedDelivery {
  if (!isObject(body)) return unprocessable('the body is not a JSON object');
  const phase = lower(str(body.phase) ?? '');
  const id = argocdDeliveryId(body);
  const occurredAt = time(body.finishedAt);
  const match = key(ANNOTATIONS.argocdApp, body.app);
  if (!id || !phase || occurredAt === undefined || !match.length) {
    return unprocessable('a notification needs deliveryId, app, phase and finishedAt (see the README template)');
  }
  const status = ARGOCD_TERMINAL[phase];
  if (!status) return { kind: 'ignored', reason: `sync phase '${phase}'` };
  return {
    kind: 'deployment',
    source: 'argocd',
    id,
    occurredAt,
    match,
    environment: lower(str(body.environment) ?? options.argocdEnvironment),
    status,
    commitSha: sha(body.revision),
  };
}
