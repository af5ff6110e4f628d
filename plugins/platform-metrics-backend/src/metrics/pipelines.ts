import { OrgPipelines, PipelineTrendPoint } from '@platform-metrics/plugin-platform-metrics-common';
import { PipelineRunRow } from '../database/PipelineStore';
import { groupBy } from '../lib/collections';
import { WEEK, Window, weekStart } from '../lib/time';
import { medianAndPercentile } from './stats';

/** CI pipeline figures of a set of runs (metrics.md §17), as the API returns them. Durations in seconds. */
export type PipelineFigures = Pick<OrgPipelines, 'duration' | 'runs' | 'failureRate' | 'flaky'>;

const seconds = (r: PipelineRunRow) => (r.finishedAt - r.startedAt) / 1000;

/** The median and p90 duration of the succeeded runs among `runs`, with their number. */
export function durationOf(runs: PipelineRunRow[]) {
  const values = Float64Array.from(runs.filter(r => r.status === 'succeeded'), seconds);
  const { median, percentile } = medianAndPercentile(values, 90);
  return { median, p90: percentile, n: values.length };
}

/** The figures of `runs` (runs of one window, of any entities). */
export function pipelineFigures(runs: PipelineRunRow[]): PipelineFigures {
  const count = { succeeded: 0, failed: 0, cancelled: 0 };
  for (const r of runs) count[r.status]++;
  // a commit is flaky when a re-run of it flipped: it both failed and succeeded
  const byCommit = groupBy(
    runs.filter(r => r.commitSha && r.status !== 'cancelled'),
    r => `${r.entityRef}\u0000${r.commitSha}`,
  );
  let flakyCommits = 0;
  for (const commitRuns of byCommit.values()) {
    const statuses = new Set(commitRuns.map(r => r.status));
    if (statuses.has('succeeded') && statuses.has('failed')) flakyCommits++;
  }
  const completed = count.succeeded + count.failed;
  return {
    duration: durationOf(runs),
    runs: count,
    failureRate: completed ? count.failed / completed : null,
    flaky: { rate: byCommit.size ? flakyCommits / byCommit.size : null, flakyCommits, commits: byCommit.size },
  };
}

/** The median duration of the succeeded runs per ISO week of the window (every week, empty ones too). */
export function pipelineTrend(runs: PipelineRunRow[], window: Window): PipelineTrendPoint[] {
  const byWeek = groupBy(runs, r => String(weekStart(r.finishedAt)));
  const first = weekStart(window.from);
  const last = weekStart(window.to - 1);
  const out: PipelineTrendPoint[] = [];
  for (let w = first; w <= last; w += WEEK) {
    const week = byWeek.get(String(w)) ?? [];
    out.push({ weekStart: new Date(w).toISOString(), runs: week.length, durationMedian: durationOf(week).median });
  }
  return out;
}
