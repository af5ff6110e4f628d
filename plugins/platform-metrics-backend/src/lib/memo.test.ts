import { Memo } from './memo';

describe('Memo', () => {
  it('answers a key once while it is young, and loads it again once it is old', async () => {
    let now = 0;
    const memo = new Memo<number>({ max: 4, ttlMs: 1000 }, () => now);
    let loads = 0;
    const load = async () => ++loads;
    expect(await memo.get('a', load)).toBe(1);
    now = 999;
    expect(await memo.get('a', load)).toBe(1);
    now = 1999; // the entry was made at 0: one ttl later it is reloaded
    expect(await memo.get('a', load)).toBe(2);
  });

  it('keeps at most max entries, dropping the least recently used', async () => {
    const memo = new Memo<string>({ max: 2, ttlMs: 60_000 }, () => 0);
    const loaded: string[] = [];
    const load = (k: string) => async () => {
      loaded.push(k);
      return k;
    };
    await memo.get('a', load('a'));
    await memo.get('b', load('b'));
    await memo.get('a', load('a')); // a is now the most recent
    await memo.get('c', load('c')); // drops b
    await memo.get('a', load('a'));
    await memo.get('b', load('b'));
    expect(loaded).toEqual(['a', 'b', 'c', 'b']);
    expect(memo.size).toBe(2);
  });

  it('shares one load between concurrent callers and forgets a failed one', async () => {
    const memo = new Memo<number>({ max: 4, ttlMs: 60_000 }, () => 0);
    let loads = 0;
    const failing = async () => {
      loads++;
      throw new Error('database down');
    };
    const [x, y] = [memo.get('k', failing), memo.get('k', failing)];
    await expect(x).rejects.toThrow('database down');
    await expect(y).rejects.toThrow('database down');
    expect(loads).toBe(1);
    expect(await memo.get('k', async () => 42)).toBe(42);
  });
});
