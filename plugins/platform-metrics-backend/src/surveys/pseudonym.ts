import { createHmac } from 'node:crypto';
import { lower } from '../lib/refs';

/** Turns a (normalised) user ref into the pseudonym stored with survey answers and snoozes. */
export type Pseudonymise = (userRef: string) => string;

/**
 * HMAC-SHA256 of the lower-cased user ref, keyed with
 * `survey.pseudonymSecret`, in hex (metrics.md §8a). The same person always
 * gets the same key, so "one answer per person per survey" and erasure
 * work; the key names no one without the secret.
 */
export function pseudonymiser(secret: string): Pseudonymise {
  return userRef => createHmac('sha256', secret).update(lower(userRef)).digest('hex');
}

/**
 * True for a key stored before pseudonymisation: a user ref always holds
 * ':' and '/' (`user:default/alice`), an HMAC in hex never does.
 */
export function isLegacyUserRef(key: string): boolean {
  return key.includes(':') || key.includes('/');
}
