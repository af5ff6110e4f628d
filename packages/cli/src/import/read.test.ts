import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  csvHeader,
  csvRecord,
  formatOf,
  kindOfFileName,
  openImportFile,
  parseChanges,
} from './read';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-cli-read-'));
const file = (name: string, text: string) => {
  const p = path.join(dir, name);
  fs.writeFileSync(p, text);
  return p;
};

describe('import files', () => {
  it('tells the format by extension or --format', () => {
    expect(formatOf('a.csv')).toBe('csv');
    expect(formatOf('a.NDJSON')).toBe('ndjson');
    expect(formatOf('a.jsonl')).toBe('ndjson');
    expect(() => formatOf('a.json')).toThrow(/--format/);
    expect(formatOf('a.txt', 'csv')).toBe('csv');
    expect(() => formatOf('a.txt')).toThrow(/--format/);
    expect(() => formatOf('a.csv', 'xml')).toThrow(/ndjson or csv/);
  });

  it('tells the kind by the file name, else by the header or the first record', async () => {
    expect(kindOfFileName('deployments-2024.csv')).toBe('deployments');
    expect(kindOfFileName('pagerduty-incidents.ndjson')).toBe('incidents');
    expect(kindOfFileName('nps-2025.csv')).toBe('survey-responses');
    expect(kindOfFileName('adoption-2025.csv')).toBe('adoption-snapshots');
    expect(kindOfFileName('history.ndjson')).toBeUndefined();
    const snapshots = file('d.csv', 'scope,day,adopted,eligible,exceptions\n');
    expect((await openImportFile(snapshots, {})).kind).toBe(
      'adoption-snapshots',
    );
    const csv = file('a.csv', 'surveyId,user,score,submitted_at\n');
    expect((await openImportFile(csv, {})).kind).toBe('survey-responses');
    const ndjson = file(
      'b.ndjson',
      '\n{ broken\n{"id":"i","entityRef":"x","openedAt":"2025-01-01T00:00:00Z"}\n',
    );
    expect((await openImportFile(ndjson, {})).kind).toBe('incidents');
    await expect(
      openImportFile(file('c.ndjson', '{"x":1}\n'), {}),
    ).rejects.toThrow(/--kind/);
    await expect(
      openImportFile(path.join(dir, 'missing.csv'), {}),
    ).rejects.toThrow(/cannot read/);
  });

  it('maps CSV headers case- and separator-insensitively and refuses unknown ones', () => {
    expect(
      csvHeader('deployments', ['ID', 'entity', 'Finished At', 'commit_sha']),
    ).toEqual(['id', 'entityRef', 'finishedAt', 'commitSha']);
    expect(() => csvHeader('incidents', ['id', 'score'])).toThrow(
      /unknown incidents CSV column "score"/,
    );
    expect(() => csvHeader('incidents', ['id', 'ID'])).toThrow(/twice/);
  });

  it('reads an incident’s affected developers as a whole number', () => {
    const columns = csvHeader('incidents', ['id', 'entity', 'opened_at', 'Affected Developers']);
    expect(columns).toEqual(['id', 'entityRef', 'openedAt', 'affectedDevelopers']);
    expect(csvRecord(columns, { line: 2, fields: ['i1', 'ci-runner-pool', '2026-03-02T10:00:00Z', ' 40 '] })).toEqual({
      line: 2,
      record: { id: 'i1', entityRef: 'ci-runner-pool', openedAt: '2026-03-02T10:00:00Z', affectedDevelopers: 40 },
    });
    // not a whole number: left as given, for the check to name
    expect(csvRecord(columns, { line: 3, fields: ['i2', 'x', '2026-03-02T10:00:00Z', 'many'] }).record?.affectedDevelopers).toBe('many');
  });

  it('turns CSV rows into records: empty cells absent, scores numbers, changes a list', () => {
    expect(
      csvRecord(['surveyId', 'userRef', 'score', 'comment'], {
        line: 3,
        fields: ['2025-Q1', 'jane', ' 9 ', ''],
      }),
    ).toEqual({
      line: 3,
      record: { surveyId: '2025-Q1', userRef: 'jane', score: 9 },
    });
    expect(
      csvRecord(['scope', 'day', 'adopted', 'eligible', 'exceptions'], {
        line: 2,
        fields: ['org', '2025-01-06', '3', ' 20 ', '1'],
      }),
    ).toEqual({
      line: 2,
      record: {
        scope: 'org',
        day: '2025-01-06',
        adopted: 3,
        eligible: 20,
        exceptions: 1,
      },
    });
    expect(csvRecord(['score'], { line: 4, fields: ['nine'] })).toEqual({
      line: 4,
      record: { score: 'nine' },
    });
    expect(
      csvRecord(['id', 'changes'], { line: 5, fields: ['d', 'abc'] }),
    ).toEqual({
      line: 5,
      error: expect.stringMatching(/changes: expected id@committedAt/),
    });
    expect(csvRecord(['id', 'changes'], { line: 6, fields: ['d'] })).toEqual({
      line: 6,
      error: 'expected 2 fields, got 1',
    });
    expect(
      parseChanges(
        ' a@2025-01-01T00:00:00Z ; org/repo#12@2025-01-02T00:00:00Z;',
      ),
    ).toEqual([
      { id: 'a', committedAt: '2025-01-01T00:00:00Z' },
      { id: 'org/repo#12', committedAt: '2025-01-02T00:00:00Z' },
    ]);
  });
});
