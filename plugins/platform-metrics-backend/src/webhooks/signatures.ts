import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Signature checks of the webhook receivers. Every comparison runs in
 * constant time over equal-length digests (hashing both sides first, so the
 * length of what was sent reveals nothing either).
 */

const digest = (s: string | Buffer) => createHash('sha256').update(s).digest();

/** Constant-time equality of two strings. */
export function safeEqual(a: string, b: string): boolean {
  return timingSafeEqual(digest(a), digest(b));
}

const hmacHex = (secret: string, body: Buffer) => createHmac('sha256', secret).update(body).digest('hex');

/** GitHub: `X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the raw body>`. */
export function verifyGithub(secret: string, body: Buffer, header: string | undefined): boolean {
  if (!header) return false;
  const expected = `sha256=${hmacHex(secret, body)}`;
  return safeEqual(expected, header.trim().toLowerCase());
}

/**
 * PagerDuty v3: `X-PagerDuty-Signature: v1=<hex>[,v1=<hex>...]`, one
 * signature per active secret of the subscription; accepted when any of
 * them matches any configured secret (rotation).
 */
export function verifyPagerduty(secrets: string[], body: Buffer, header: string | undefined): boolean {
  if (!header || secrets.length === 0) return false;
  const sent = header
    .split(',')
    .map(s => s.trim())
    .filter(s => s.startsWith('v1='))
    .map(s => s.toLowerCase());
  let ok = false;
  for (const secret of secrets) {
    const expected = `v1=${hmacHex(secret, body)}`;
    // no early exit: every pair is compared
    for (const s of sent) ok = safeEqual(expected, s) || ok;
  }
  return ok;
}

/** GitLab: `X-Gitlab-Token` equals the configured token. */
export function verifyGitlab(token: string, header: string | undefined): boolean {
  return header !== undefined && safeEqual(token, header);
}

/** Argo CD notifications: `Authorization: Bearer <token>`. */
export function verifyBearer(token: string, header: string | undefined): boolean {
  if (!header) return false;
  const match = /^Bearer\s+(.+)$/i.exec(header.trim());
  return !!match && safeEqual(token, match[1]);
}

/** Signs a body as GitHub does (tests, the demo's replay). */
export const signGithub = (secret: string, body: string | Buffer) =>
  `sha256=${hmacHex(secret, Buffer.from(body))}`;

/** Signs a body as PagerDuty does, once per secret (tests, the demo's replay). */
export const signPagerduty = (secrets: string[], body: string | Buffer) =>
  secrets.map(s => `v1=${hmacHex(s, Buffer.from(body))}`).join(',');

/** A delivery id for a tool that sent none: the body's hash, so a resend counts once. */
export const bodyId = (body: Buffer) => `sha256:${digest(body).toString('hex')}`;
