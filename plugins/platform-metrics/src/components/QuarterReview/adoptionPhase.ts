/**
 * The adoption phase of the Quarter in review: where a golden-path adoption
 * rate stands on the diffusion curve (docs/metrics.md, "Quarter in review").
 * Each band includes its lower bound and excludes its upper one.
 */
export const ADOPTION_PHASE_BANDS = [
  { phase: 'earlyAdopters', min: 0, max: 0.15 },
  { phase: 'earlyMajority', min: 0.15, max: 0.5 },
  { phase: 'lateMajority', min: 0.5, max: 0.85 },
  { phase: 'laggards', min: 0.85, max: Infinity },
] as const;

/** One of the {@link ADOPTION_PHASE_BANDS}. */
export type AdoptionPhaseBand = (typeof ADOPTION_PHASE_BANDS)[number];

/**
 * The phase an adoption rate (a fraction from 0 to 1) is in: below 15%
 * early adopters, 15–50% early majority, 50–85% late majority, from 85%
 * laggards (consolidation). Null without a rate.
 */
export function adoptionPhaseOf(
  rate: number | null | undefined,
): AdoptionPhaseBand | null {
  if (typeof rate !== 'number' || !Number.isFinite(rate)) return null;
  return (
    ADOPTION_PHASE_BANDS.find(b => rate >= b.min && rate < b.max) ??
    ADOPTION_PHASE_BANDS[0]
  );
}
