import { useApi } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import type { Annotation } from '@platform-metrics/plugin-platform-metrics-common';
import { platformMetricsApiRef } from '../../api';

/**
 * The annotations shown in `scope` within a window; none while loading or
 * when they cannot be read (the charts stay useful without them).
 */
export function useAnnotations(
  scope: string,
  window: { from?: string; to?: string } | undefined,
): { annotations: Annotation[]; reload: () => void } {
  const api = useApi(platformMetricsApiRef);
  const state = useAsyncRetry(
    async () => (window?.from ? api.listAnnotations({ scope, from: window.from, to: window.to }) : []),
    [api, scope, window?.from, window?.to],
  );
  return { annotations: state.error ? [] : state.value ?? [], reload: state.retry };
}
