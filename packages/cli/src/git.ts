/**
 * The local git history: the head commit deployed and the changes it ships
 * (`prev..HEAD`, with committer dates).
 */
import { execFile } from 'node:child_process';
import { DeploymentChange } from '@platform-metrics/plugin-platform-metrics-common';
import { UsageError } from './errors';

/** The most changes one deployment takes (the spec's `changes.maxItems`). */
export const MAX_CHANGES = 10000;

export class GitError extends Error {
  readonly name = 'GitError';
  constructor(message: string, readonly stderr: string) {
    super(message);
  }
}

function git(repo: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      'git',
      // no pager, colours or signatures, whatever the user's config says
      ['-c', 'log.showSignature=false', '-c', 'color.ui=false', ...args],
      {
        cwd: repo,
        maxBuffer: 256 * 1024 * 1024,
        env: { ...process.env, GIT_PAGER: 'cat' },
      },
      (error, stdout, stderr) => {
        if (error) {
          const message = String(stderr || error.message).trim();
          reject(new GitError(`git ${args.join(' ')}: ${message}`, message));
        } else {
          resolve(stdout);
        }
      },
    );
  });
}

/** The full sha of a revision, which must name a commit. */
export async function resolveCommit(
  repo: string,
  rev: string,
): Promise<string> {
  try {
    return (
      await git(repo, ['rev-parse', '--verify', '--quiet', `${rev}^{commit}`])
    ).trim();
  } catch (e) {
    if (/not a git repository/i.test((e as GitError).stderr ?? '')) {
      throw new UsageError(
        `${repo} is not a git repository: run in the checkout, pass --repo, or send --no-changes`,
      );
    }
    throw new UsageError(`${rev} is not a commit in ${repo}`);
  }
}

/** Whether the commit is in the local clone. */
export async function hasCommit(repo: string, sha: string): Promise<boolean> {
  try {
    await git(repo, ['cat-file', '-e', `${sha}^{commit}`]);
    return true;
  } catch {
    return false;
  }
}

export async function isShallow(repo: string): Promise<boolean> {
  return (
    (await git(repo, ['rev-parse', '--is-shallow-repository'])).trim() ===
    'true'
  );
}

function parseLog(out: string): DeploymentChange[] {
  return out
    .split('\n')
    .filter(Boolean)
    .map(line => {
      const [id, committedAt] = line.split(' ');
      return { id, committedAt: new Date(committedAt).toISOString() };
    });
}

/** Which of a commit's dates is its time: the committer date (default) or the author date. */
export type CommitTime = 'committer' | 'author';
const FORMAT: Record<CommitTime, string> = { committer: '--format=%H %cI', author: '--format=%H %aI' };

/**
 * The commits in `prev..head`, newest first, with their committer (or
 * author) dates in UTC: what a deployment of `head` ships when `prev` was
 * deployed before. At most `max`, the newest.
 */
export async function changesBetween(
  repo: string,
  prev: string,
  head: string,
  max = MAX_CHANGES,
  time: CommitTime = 'committer',
): Promise<{ changes: DeploymentChange[]; truncated: boolean }> {
  const out = await git(repo, [
    'log',
    FORMAT[time],
    `--max-count=${max + 1}`,
    `${prev}..${head}`,
  ]);
  const changes = parseLog(out);
  return { changes: changes.slice(0, max), truncated: changes.length > max };
}

/** `head` and its first parents, newest first, at most `max`. */
export async function firstParentHistory(
  repo: string,
  head: string,
  max: number,
  time: CommitTime = 'committer',
): Promise<DeploymentChange[]> {
  if (max <= 0) return [];
  return parseLog(
    await git(repo, [
      'log',
      FORMAT[time],
      '--first-parent',
      `--max-count=${max}`,
      head,
    ]),
  );
}
