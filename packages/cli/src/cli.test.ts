import { main } from './cli';

async function run(argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    env: {},
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: (t: string) => (stderr += t) },
  });
  return { code, stdout, stderr };
}

describe('help', () => {
  it('prints the overview and each command its options', async () => {
    const overview = await run(['--help']);
    expect(overview.code).toBe(0);
    expect(overview.stdout).toMatch(/deployment +Record a deployment/);
    const none = await run([]);
    expect(none.code).toBe(2);
    for (const command of ['deployment', 'incident', 'import']) {
      const viaFlag = await run([command, '--help']);
      const viaHelp = await run(['help', command]);
      expect(viaFlag.code).toBe(0);
      expect(viaHelp.stdout).toBe(viaFlag.stdout);
      expect(viaFlag.stdout).toMatch(
        new RegExp(`^Usage: platform-metrics ${command}`),
      );
    }
    const unknown = await run(['deploy']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown command deploy/);
  });
});
