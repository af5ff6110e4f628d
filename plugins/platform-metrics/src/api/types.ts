import type { EntityScorecard } from '@platform-metrics/plugin-platform-metrics-common';

/**
 * The golden-path status of a scorecard, with the texts of the adoption
 * rules.
 *
 * TODO: remove once `EntityScorecard['adoption']` in
 * `@platform-metrics/plugin-platform-metrics-common` carries `rule` and
 * `rules`; use that type instead.
 */
export type ScorecardAdoption = EntityScorecard['adoption'] & {
  /** The rule that adopted the entity, as text; null when none did. */
  rule?: string | null;
  /** Every configured rule as text; any one of them adopts an entity. */
  rules?: string[];
};
