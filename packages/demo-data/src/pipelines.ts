/**
 * CI pipeline runs of the demo (docs/metrics.md §17), derived from the
 * generated deployments: each production deployment was built by a run that
 * finished two minutes before it started. Golden-path services, once they
 * adopted the path, have faster pipelines; about one commit in twelve failed
 * once and passed on a re-run (flaky). Deterministic: the same deployment
 * always gives the same runs.
 */
import type { GeneratedDeployment } from './events';
import type { ComponentDef } from './org';
import { hashString } from './random';

const MINUTE = 60_000;

/** A pipeline run as posted to `POST /pipeline-runs`. */
export interface GeneratedPipelineRun {
  id: string;
  source: string;
  entityRef: string;
  startedAt: string;
  finishedAt: string;
  status: 'succeeded' | 'failed';
  branch: string;
  commit: string;
}

/** A uniform number in [0, 1) from a string and a salt. */
const unit = (key: string, salt: number) => hashString(key, salt) / 2 ** 32;

/** A 40-digit hex commit sha for a deployment (stable). */
function shaOf(key: string): string {
  let sha = '';
  for (let salt = 1; sha.length < 40; salt++) sha += hashString(key, salt).toString(16).padStart(8, '0');
  return sha.slice(0, 40);
}

/** The runs that built `deployment` of `component` (production deployments only). */
export function pipelineRunsOf(deployment: GeneratedDeployment, component: Pick<ComponentDef, 'adoptedAt'>): GeneratedPipelineRun[] {
  if (deployment.environment !== 'production') return [];
  const { entityRef, id, source } = deployment;
  // each service has its own pipeline: 6 to 22 minutes before the golden path
  const base = 6 + 16 * unit(entityRef, 11);
  const onPath = !!component.adoptedAt && deployment.startedAt >= component.adoptedAt;
  const minutes = base * (onPath ? 0.55 : 1) * (0.7 + 0.8 * unit(id, 12));
  const finished = Date.parse(deployment.startedAt) - 2 * MINUTE;
  const commit = shaOf(id);
  const run = (suffix: string, status: GeneratedPipelineRun['status'], end: number, length: number) => ({
    id: `${id}-ci-${suffix}`,
    source,
    entityRef,
    startedAt: new Date(end - length * MINUTE).toISOString(),
    finishedAt: new Date(end).toISOString(),
    status,
    branch: 'main',
    commit,
  });
  const passed = run('1', 'succeeded', finished, minutes);
  if (unit(id, 13) >= 1 / 12) return [passed];
  // flaky: a first attempt failed part-way, the re-run passed
  const failedEnd = Date.parse(passed.startedAt) - MINUTE;
  return [run('0', 'failed', failedEnd, minutes * (0.3 + 0.5 * unit(id, 14))), passed];
}
