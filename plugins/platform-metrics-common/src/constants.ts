import { Tier } from './schema/openapi';

/** Every tier, best first. @public */
export const TIERS: readonly Tier[] = [
  'elite',
  'high',
  'medium',
  'low',
  'insufficient-data',
];
