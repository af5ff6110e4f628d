import { Clock } from './time';

/**
 * A small per-process memo of promises: at most `max` entries, each kept at
 * most `ttlMs`, the least recently used dropped first. The caller's key
 * must name everything the value depends on (for rollup reads, the rollup
 * version), so an entry is never stale in content, only old; a rejected
 * promise is forgotten at once.
 */
export class Memo<T> {
  private readonly entries = new Map<string, { value: Promise<T>; expiresAt: number }>();

  constructor(
    private readonly opts: { max: number; ttlMs: number },
    private readonly clock: Clock = Date.now,
  ) {}

  get(key: string, load: () => Promise<T>): Promise<T> {
    const now = this.clock();
    const hit = this.entries.get(key);
    this.entries.delete(key);
    if (hit && hit.expiresAt > now) {
      this.entries.set(key, hit); // most recently used last
      return hit.value;
    }
    const value = load();
    this.entries.set(key, { value, expiresAt: now + this.opts.ttlMs });
    value.catch(() => {
      if (this.entries.get(key)?.value === value) this.entries.delete(key);
    });
    while (this.entries.size > this.opts.max) this.entries.delete(this.entries.keys().next().value!);
    return value;
  }

  get size(): number {
    return this.entries.size;
  }
}
