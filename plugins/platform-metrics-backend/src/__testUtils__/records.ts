import { DeploymentInput, deploymentSchema } from '../schema/validation';

/**
 * A validated production deployment of `payments` that succeeded on
 * 2026-03-02 10:00 UTC, with the given fields replaced.
 */
export const paymentsDeployment = (d: Record<string, unknown>): DeploymentInput =>
  deploymentSchema.parse({
    entityRef: 'payments',
    environment: 'production',
    status: 'succeeded',
    finishedAt: '2026-03-02T10:00:00Z',
    ...d,
  });
