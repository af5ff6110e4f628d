import { PushRow, isNoSha } from '../database/WebhookStore';

/** Pushes walked back at most for one deployment. */
const MAX_PUSHES = 200;

export interface WalkedChanges {
  /** `author`: the commit author's email, when its push hook gave one. */
  changes: Array<{ id: string; committedAt: number; author?: string }>;
  /** False when a push on the way is missing or lists only some of its commits, or there is no previous deployment to stop at. */
  complete: boolean;
  /** Why not complete. */
  gap?: string;
  /** The sha whose push was missing (or only created a branch): when it arrives, the walk can go further. */
  missing?: string;
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
  const changes = new Map<string, PushRow['commits'][number]>();
  const truncated: string[] = [];
  const result = (reached: boolean, gap?: string, missing?: string): WalkedChanges => {
    const why = gap ?? (truncated.length ? `the push hook of ${truncated.join(', ')} listed only some commits` : undefined);
    return {
      changes: [...changes.values()],
      complete: reached && truncated.length === 0,
      ...(why && { gap: why }),
      ...(missing && { missing }),
    };
  };
  let sha = head;
  for (let i = 0; i < MAX_PUSHES; i++) {
    if (sha === stop) return result(true);
    const push = await pushOf(sha);
    if (!push) return result(false, `no push with after ${sha}`, sha);
    for (const c of push.commits) if (!changes.has(c.id)) changes.set(c.id, c);
    if (push.truncated) truncated.push(sha);
    // the push that made the sha on the deployed branch may still come (a branch created there came first)
    if (isNoSha(push.before)) return result(false, `the push of ${sha} created the branch`, sha);
    if (push.before === stop) return result(true);
    sha = push.before;
  }
  return result(false, `more than ${MAX_PUSHES} pushes since the previous deployment`);
}
