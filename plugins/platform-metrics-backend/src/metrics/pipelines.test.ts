import { PipelineRunRow } from '../database/PipelineStore';
import { makeWindow } from '../lib/time';
import { pipelineFigures, pipelineTrend } from './pipelines';

const MIN = 60_000;
const T0 = Date.parse('2026-03-02T08:00:00Z'); // a Monday

let seq = 0;
const run = (over: Partial<PipelineRunRow> & { minutes?: number } = {}): PipelineRunRow => {
  const { minutes = 10, ...rest } = over;
  const startedAt = rest.startedAt ?? T0;
  return {
    source: 'ci',
    id: `r${seq++}`,
    entityRef: 'component:default/a',
    startedAt,
    finishedAt: startedAt + minutes * MIN,
    status: 'succeeded',
    branch: null,
    commitSha: null,
    ...rest,
  };
};

describe('pipelineFigures', () => {
  it('takes the duration of succeeded runs only: median and nearest-rank p90', () => {
    const runs = [
      ...[4, 6, 8, 10, 12, 14, 16, 18, 20, 40].map(minutes => run({ minutes })),
      run({ minutes: 1, status: 'failed' }),
      run({ minutes: 90, status: 'cancelled' }),
    ];
    const figures = pipelineFigures(runs);
    // ten succeeded runs: median of 12 and 14 minutes; p90 = the 9th value (20 min)
    expect(figures.duration).toEqual({ median: 13 * 60, p90: 20 * 60, n: 10 });
    expect(figures.runs).toEqual({ succeeded: 10, failed: 1, cancelled: 1 });
    expect(figures.failureRate).toBeCloseTo(1 / 11);
  });

  it('counts a commit flaky when its runs both failed and succeeded, per entity, ignoring cancelled runs', () => {
    const figures = pipelineFigures([
      // flaky: failed, then passed on a re-run
      run({ commitSha: 'aaaaaaa', status: 'failed' }),
      run({ commitSha: 'aaaaaaa' }),
      // not flaky: failed twice
      run({ commitSha: 'bbbbbbb', status: 'failed' }),
      run({ commitSha: 'bbbbbbb', status: 'failed' }),
      // not flaky: cancelled, then passed
      run({ commitSha: 'ccccccc', status: 'cancelled' }),
      run({ commitSha: 'ccccccc' }),
      // the same sha in two entities is two commits, neither flaky
      run({ commitSha: 'ddddddd', status: 'failed' }),
      run({ commitSha: 'ddddddd', entityRef: 'component:default/b' }),
      // without a commit: not part of the flaky rate
      run({ status: 'failed' }),
    ]);
    expect(figures.flaky).toEqual({ rate: 1 / 5, flakyCommits: 1, commits: 5 });
  });

  it('has nulls, not zeros, without runs', () => {
    expect(pipelineFigures([])).toEqual({
      duration: { median: null, p90: null, n: 0 },
      runs: { succeeded: 0, failed: 0, cancelled: 0 },
      failureRate: null,
      flaky: { rate: null, flakyCommits: 0, commits: 0 },
    });
  });
});

describe('pipelineTrend', () => {
  it('has a point per ISO week of the window, empty weeks included, by finish time', () => {
    const window = makeWindow(14, '2026-03-16T00:00:00Z');
    const trend = pipelineTrend(
      [
        run({ minutes: 10 }),
        run({ minutes: 20 }),
        run({ minutes: 5, status: 'failed' }),
        // finishes in the second week
        run({ startedAt: Date.parse('2026-03-08T23:55:00Z'), minutes: 30 }),
      ],
      window,
    );
    expect(trend).toEqual([
      { weekStart: '2026-03-02T00:00:00.000Z', runs: 3, durationMedian: 15 * 60 },
      { weekStart: '2026-03-09T00:00:00.000Z', runs: 1, durationMedian: 30 * 60 },
    ]);
  });
});
