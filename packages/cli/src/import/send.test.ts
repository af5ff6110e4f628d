import { ApiError } from '../errors';
import { addCounts, namedItems, Pending, sendBatch, zeroCounts } from './send';

/** A stand-in for the backend's 400 logic: records with `bad` are refused; `named` says whether the message names them. */
function backend(named: boolean) {
  const calls: number[] = [];
  const post = async (records: unknown[]) => {
    calls.push(records.length);
    const bad = records
      .map((r, i) => ((r as { bad?: boolean }).bad ? i : -1))
      .filter(i => i >= 0);
    if (bad.length) {
      const message = named
        ? `Invalid request: ${bad
            .map(i => `deployments[${i}].status: bad`)
            .join('; ')}`
        : 'Invalid request';
      throw new ApiError(`answered 400: ${message}`, 400, message);
    }
    return { received: records.length, created: records.length, updated: 0 };
  };
  return { post, calls };
}

const batch = (badLines: number[]): Pending[] =>
  Array.from({ length: 8 }, (_, i) => ({
    line: i + 1,
    record: { bad: badLines.includes(i + 1) },
  }));

describe('sendBatch', () => {
  it('drops the records a 400 names and sends the rest again', async () => {
    const { post, calls } = backend(true);
    const counts = zeroCounts();
    const rejected = await sendBatch(
      'deployments',
      batch([2, 7]),
      post,
      counts,
      false,
    );
    expect(rejected).toEqual([
      { line: 2, message: 'status: bad' },
      { line: 7, message: 'status: bad' },
    ]);
    expect(counts.created).toBe(6);
    expect(calls).toEqual([8, 6]);
  });

  it('halves a batch whose 400 names no record until the bad ones are alone', async () => {
    const { post, calls } = backend(false);
    const counts = zeroCounts();
    const rejected = await sendBatch(
      'deployments',
      batch([3]),
      post,
      counts,
      false,
    );
    expect(rejected).toEqual([{ line: 3, message: 'Invalid request' }]);
    expect(counts.created).toBe(7);
    // 1-4 fails: 1-2 passes, 3-4 fails: 3 alone is rejected, 4 passes; then 5-8
    expect(calls).toEqual([8, 4, 2, 2, 1, 1, 4]);
  });

  it('--strict: stops at the first rejection', async () => {
    const { post, calls } = backend(true);
    const counts = zeroCounts();
    const rejected = await sendBatch(
      'deployments',
      batch([5]),
      post,
      counts,
      true,
    );
    expect(rejected).toEqual([{ line: 5, message: 'status: bad' }]);
    expect(counts.created).toBe(0);
    expect(calls).toEqual([8]);
  });

  it('passes other errors on', async () => {
    const post = async () => {
      throw new ApiError(
        'answered 403: Missing permission',
        403,
        'Missing permission',
      );
    };
    await expect(
      sendBatch('incidents', batch([]), post, zeroCounts(), false),
    ).rejects.toThrow(/403/);
  });
});

describe('namedItems', () => {
  it('reads what the message says about each item', () => {
    const named = namedItems(
      'responses',
      'Invalid request: responses[3].score: too big; responses[3].comment: too long; responses[12]: expected object (and 4 more)',
      13,
    );
    expect([...named]).toEqual([
      [3, 'score: too big; comment: too long'],
      [12, 'expected object'],
    ]);
    expect(namedItems('responses', 'deployments[0].id: empty', 5).size).toBe(0);
    expect(namedItems('incidents', 'incidents[9].id: empty', 5).size).toBe(0);
  });
});

describe('addCounts', () => {
  it('takes skipped when the backend answers it, else what was neither created nor updated', () => {
    const counts = zeroCounts();
    addCounts(counts, {
      received: 10,
      created: 2,
      updated: 0,
      skipped: 8,
    } as never);
    addCounts(counts, { received: 10, created: 4, updated: 5 });
    expect(counts).toEqual({
      received: 20,
      created: 6,
      updated: 5,
      skipped: 9,
    });
  });
});
