import { Entity } from '@backstage/catalog-model';
import { DateTime } from 'luxon';
import { UserUpsert } from '../database/PeopleStore';
import { isEmail } from '../lib/people';
import { lower } from '../lib/refs';

/** When a new engineer started (metrics.md §6d): an ISO date or an ISO date-time with a time zone. */
export const START_DATE_ANNOTATION = 'platform-metrics.io/start-date';
/** The GitHub login of a User, as GitHub's org data provider sets it. */
export const GITHUB_LOGIN_ANNOTATION = 'github.com/user-login';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/i;

/**
 * The start date annotation in epoch ms: a date is its 00:00 UTC, a
 * date-time with a time zone that instant. Anything else (no time zone,
 * another format, an impossible date) counts as absent, never a guess.
 */
export function annotatedStartOf(value: string | undefined): number | null {
  const v = value?.trim();
  if (!v) return null;
  const date = ISO_DATE.test(v);
  if (!date && !ISO_DATE_TIME.test(v)) return null;
  // luxon refuses impossible dates (2026-02-30), which Date.parse rolls over into March
  const parsed = DateTime.fromISO(v, { zone: 'utc' });
  return parsed.isValid ? parsed.toMillis() : null;
}

/** What the catalog sync records of a User (`ref` normalised). */
export function userOf(ref: string, entity: Entity): UserUpsert {
  const profile = (entity.spec as { profile?: { email?: unknown } } | undefined)?.profile;
  const email = typeof profile?.email === 'string' ? lower(profile.email.trim()) : '';
  const login = entity.metadata.annotations?.[GITHUB_LOGIN_ANNOTATION]?.trim() ?? '';
  return {
    userRef: ref,
    email: isEmail(email) ? email : null,
    githubLogin: login && login.length <= 255 ? lower(login) : null,
    annotatedStartAt: annotatedStartOf(entity.metadata.annotations?.[START_DATE_ANNOTATION]),
  };
}
