import { PushRow } from '../database/WebhookStore';

/** Pushes walked back at most for one deployment. */
const MAX_PUSHES = 200;
const NO_SHA = /^0+$/;

export interface WalkedChanges {
  changes: Array<{ id: string; committedAt: number }>;
  /** False when a push on the way is missing, or there is no previous deployment to stop at. */
  complete: boolean;
  /** Why not complete. */
  gap?: string;
}

/**
 * The commits a deployment of `head` shipped: walks pushes back from `head`
 * (the push whose `after` is the sha, then the one whose `after` is its
 * `before`, ...) until `stop`, the sha of the previous successful
 * deployment. Pure but for `pushOf`.
 */
export async function walkChanges(
  head: string,
  stop: string | undefined,
  pushOf: (after: string) => Promise<PushRow | undefined>,
): Promise<WalkedChanges> {
  const changes = new Map<string, number>();
  const result = (complete: boolean, gap?: string): WalkedChanges => ({
    changes: [...changes].map(([id, committedAt]) => ({ id, committedAt })),
    complete,
    ...(gap && { gap }),
  });
  let sha = head;
  for (let i = 0; i < MAX_PUSHES; i++) {
    if (sha === stop) return result(true);
    const push = await pushOf(sha);
    if (!push) return result(false, `no push with after ${sha}`);
    for (const c of push.commits) if (!changes.has(c.id)) changes.set(c.id, c.committedAt);
    if (NO_SHA.test(push.before)) return result(false, `the push of ${sha} created the branch`);
    if (push.before === stop) return result(true);
    sha = push.before;
  }
  return result(false, `more than ${MAX_PUSHES} pushes since the previous deployment`);
}
