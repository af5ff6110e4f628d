import { useMemo } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import useAsync from 'react-use/esm/useAsync';
import type { Target } from '@platform-metrics/plugin-platform-metrics-common';
import { platformMetricsApiRef } from '../../api';

const normalise = (scope: string) => scope.toLocaleLowerCase('en-US');

/**
 * The configured targets of `scope` (`org`, or the ref of the group, system
 * or domain in view), in their configured order, as of now. The targets are
 * loaded once for the view that calls this; while they load, and when they
 * cannot be read (a 403 for a user who may not see them, no targets
 * configured, the backend down), there are none: the page shows no target
 * rather than an error.
 */
export function useTargets(scope: string): Target[] {
  const api = useApi(platformMetricsApiRef);
  const { value, error } = useAsync(() => api.getTargets(), [api]);
  return useMemo(() => {
    if (error || !value) return [];
    const wanted = normalise(scope);
    return value.targets.filter(target => normalise(target.scope) === wanted);
  }, [value, error, scope]);
}
