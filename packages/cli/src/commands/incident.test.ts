import {
  createTestDatabases,
  run,
  startBackend,
  TestBackend,
} from '../__testUtils__/backend';

jest.setTimeout(120_000);

describe('platform-metrics incident', () => {
  const databases = createTestDatabases();
  let backend: TestBackend;

  beforeAll(async () => {
    backend = await startBackend(databases);
  });
  afterAll(() => backend.stop());

  const stored = async (id: string) =>
    (await backend.rows('pm_incidents')).find(r => r.id === id);

  it('opens an incident, then resolves it keeping its open time, severity and cause', async () => {
    const common = ['--entity', 'payments-api', '--id', 'INC-1042'];
    const open = await run(
      [
        'incident',
        'open',
        ...common,
        '--at',
        '2026-03-01T10:40:00+01:00',
        '--severity',
        'SEV2',
        '--caused-by',
        'github-42:payments-api:production',
      ],
      { url: backend.url },
    );
    expect(open).toMatchObject({ code: 0, stdout: 'INC-1042\n' });
    expect(await stored('INC-1042')).toMatchObject({
      source: 'cli',
      entity_ref: 'component:default/payments-api',
      severity: 'SEV2',
      caused_by: 'github-42:payments-api:production',
      resolved_at: null,
    });
    expect(Number((await stored('INC-1042'))!.opened_at)).toBe(
      Date.parse('2026-03-01T09:40:00Z'),
    );

    const resolve = await run(
      [
        'incident',
        'resolve',
        ...common,
        '--opened-at',
        '2026-03-01T09:40:00Z',
        '--at',
        '2026-03-01T11:05:00Z',
        '--severity',
        'SEV2',
        '--caused-by',
        'github-42:payments-api:production',
      ],
      { url: backend.url },
    );
    expect(resolve).toMatchObject({ code: 0, stdout: 'INC-1042\n' });
    expect(resolve.stderr).toMatch(
      /resolved at 2026-03-01T11:05:00.000Z \(updated\)/,
    );
    const row = await stored('INC-1042');
    expect(Number(row!.opened_at)).toBe(Date.parse('2026-03-01T09:40:00Z'));
    expect(Number(row!.resolved_at)).toBe(Date.parse('2026-03-01T11:05:00Z'));
    expect(row).toMatchObject({
      severity: 'SEV2',
      caused_by: 'github-42:payments-api:production',
    });
    expect(
      (await backend.rows('pm_incidents')).filter(r => r.id === 'INC-1042'),
    ).toHaveLength(1);
  });

  it('refuses resolve without the open time, and a resolution before it (the server says which field)', async () => {
    const noOpen = await run(
      ['incident', 'resolve', '--entity', 'payments-api', '--id', 'INC-2'],
      { url: backend.url },
    );
    expect(noOpen.code).toBe(2);
    expect(noOpen.stderr).toMatch(/needs --opened-at/);

    const backwards = await run(
      [
        'incident',
        'resolve',
        '--entity',
        'payments-api',
        '--id',
        'INC-2',
        '--opened-at',
        '2026-03-01T10:00:00Z',
        '--at',
        '2026-03-01T09:00:00Z',
      ],
      { url: backend.url },
    );
    expect(backwards.code).toBe(1);
    expect(backwards.stderr).toMatch(
      /answered 400: .*incidents\[0\]\.resolvedAt/,
    );
    expect(await stored('INC-2')).toBeUndefined();
  });
});
