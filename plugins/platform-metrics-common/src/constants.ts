import { Tier } from './schema/openapi';

/** Every tier, best first. @public */
export const TIERS: readonly Tier[] = [
  'elite',
  'high',
  'medium',
  'low',
  'insufficient-data',
];

/**
 * The SPACE dimensions a survey agreement question is tagged with, in the
 * order the health page shows them. @public
 */
export const SPACE_DIMENSIONS = [
  'satisfaction',
  'performance',
  'activity',
  'communication',
  'efficiency',
] as const;

/** A SPACE dimension. @public */
export type SpaceDimension = (typeof SPACE_DIMENSIONS)[number];
