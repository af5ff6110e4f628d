import { isKind, lower, normalizeEntityRef } from './refs';

/**
 * An email address as the WHATWG "valid e-mail address" defines it (the
 * browsers' `<input type=email>`), with a dot in the domain: a local part
 * of the printable characters RFC 5322 allows unquoted, and a domain of
 * labels of letters, digits and inner hyphens.
 */
const EMAIL =
  /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;

/** The longest person as stored (the columns are 255 characters; RFC 5321 allows 254 for an address). */
const MAX_LENGTH = 254;

/** True for an email address (see {@link EMAIL}) of at most 254 characters. */
export const isEmail = (value: string) => value.length <= MAX_LENGTH && EMAIL.test(value);

/**
 * A person on an event (metrics.md, "People fields (§5)"): a user entity
 * ref, normalised with kind `user` by default (`jane` is
 * `user:default/jane`), or an email address, lower-cased. An entity name
 * never holds `@`, so a value with one is read as an email. Throws a
 * TypeError naming what is wrong otherwise.
 */
export function normalizePerson(value: string): string {
  const v = value.trim();
  if (v.includes('@')) {
    if (!isEmail(v)) throw new TypeError('not a valid email address');
    return lower(v);
  }
  let ref: string;
  try {
    ref = normalizeEntityRef(v, { defaultKind: 'user' });
  } catch (e) {
    throw new TypeError(`not a valid user ref (${(e as Error).message})`);
  }
  if (!isKind(ref, 'user')) throw new TypeError(`${ref} is not a user ref`);
  if (ref.length > MAX_LENGTH) throw new TypeError(`at most ${MAX_LENGTH} characters (normalised)`);
  return ref;
}

/** {@link normalizePerson}, or `undefined` for a value that is none (what a webhook payload may carry). */
export function personOrUndefined(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  try {
    return normalizePerson(value);
  } catch {
    return undefined;
  }
}

/** True when a stored person is an email address (a user ref never holds `@`). */
export const isEmailPerson = (person: string) => person.includes('@');
