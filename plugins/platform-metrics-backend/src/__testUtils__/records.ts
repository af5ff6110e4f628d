import { EntityUpsert } from '../database/CatalogStore';
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

/** A catalog Component as the catalog sync records it: an adopted service of `ownerRef`. */
export const catalogComponent = (name: string, ownerRef: string): EntityUpsert => ({
  entityRef: `component:default/${name}`,
  kind: 'component',
  type: 'service',
  ownerRef,
  systemRef: null,
  lifecycle: null,
  adoptionStatus: 'adopted',
  adoptionReason: null,
  annotatedCreatedAt: null,
});
