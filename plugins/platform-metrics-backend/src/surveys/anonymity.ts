/*
 * The anonymity contract's constants and texts (metrics.md §8a), in one
 * place for the publication task, the summaries and the comments.
 */

/** The bucket of a 0..10 score: promoters 9-10, passives 7-8, detractors 0-6. */
export type Bucket = 'promoter' | 'passive' | 'detractor';

export function bucketOf(score: number): Bucket {
  if (score >= 9) return 'promoter';
  if (score >= 7) return 'passive';
  return 'detractor';
}

/** kc: comments of a scope are shown only from this many published responses (and never below k). */
export const COMMENT_MINIMUM = 10;

export const commentMinimum = (k: number) => Math.max(COMMENT_MINIMUM, k);

/** Why a figure is withheld; the text of the API's `withheld` (and a team row's `reason`). */
export const withheld = {
  /** Published n below the minimum, or nothing published yet. */
  fewerThan: (minimum: number) => `fewer than ${minimum} responses`,
  /** A scope that is not a reporting group (metrics.md §8a). */
  notReporting: 'not a reporting group',
  /** Complementary suppression: a subtraction of published figures would reveal fewer than k people. */
  bySubtraction: (k: number) => `withheld so that no subtraction reveals fewer than ${k} responses`,
};
