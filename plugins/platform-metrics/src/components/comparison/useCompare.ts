import { useCallback } from 'react';
import { useSearchParams } from 'react-router-dom';
import type { ResponseError } from '@backstage/errors';

/** What a view compares its window with. */
export type CompareWith = 'baseline' | 'previous';

/** The comparison kept in the URL (`?compare=`), the baseline by default. */
export function useCompare(): [CompareWith, (compare: CompareWith) => void] {
  const [searchParams, setSearchParams] = useSearchParams();
  const compare: CompareWith = searchParams.get('compare') === 'previous' ? 'previous' : 'baseline';
  const setCompare = useCallback(
    (next: CompareWith) =>
      setSearchParams(
        prev => {
          const params = new URLSearchParams(prev);
          params.set('compare', next);
          return params;
        },
        { replace: true },
      ),
    [setSearchParams],
  );
  return [compare, setCompare];
}

/**
 * Whether the backend refused `compare=baseline` because no baseline is
 * configured: a 400 `ResponseError` whose error names the setting.
 */
export function isMissingBaseline(error: unknown): boolean {
  const e = error as Partial<ResponseError> | undefined;
  const message = e?.cause?.message ?? e?.body?.error?.message ?? '';
  return e?.name === 'ResponseError' && e.statusCode === 400 && /platformMetrics\.baseline/.test(message);
}

/**
 * Loads with `compare`; when the baseline is asked for and none is
 * configured, loads with the previous period instead and says so, so that
 * the view can tell how to set one.
 */
export async function loadCompared<T>(
  load: (compare: CompareWith) => Promise<T>,
  compare: CompareWith,
): Promise<{ value: T; baselineMissing: boolean }> {
  try {
    return { value: await load(compare), baselineMissing: false };
  } catch (e) {
    if (compare !== 'baseline' || !isMissingBaseline(e)) throw e;
    return { value: await load('previous'), baselineMissing: true };
  }
}
