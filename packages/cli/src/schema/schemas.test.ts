import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { validateRecord } from '../validate';
import { extractRecordSchemas } from './extract';
import recordSchemas from './recordSchemas.json';

const specPath = path.join(
  path.dirname(
    require.resolve(
      '@platform-metrics/plugin-platform-metrics-backend/package.json',
    ),
  ),
  'src/schema/openapi.yaml',
);

describe('recordSchemas.json', () => {
  it("is the backend spec's record schemas (else: yarn workspace @platform-metrics/cli schema:generate)", () => {
    const spec = parse(fs.readFileSync(specPath, 'utf8'));
    expect(recordSchemas).toEqual(extractRecordSchemas(spec));
  });
});

describe('validateRecord', () => {
  const good = {
    id: 'd1',
    entityRef: 'payments-api',
    environment: 'production',
    status: 'succeeded',
    finishedAt: '2026-03-01T10:00:00+01:00',
  };

  it('accepts what the spec accepts', () => {
    expect(validateRecord('deployments', good)).toBeUndefined();
    expect(
      validateRecord('incidents', {
        id: 'i',
        entityRef: 'x',
        openedAt: '2026-03-01T10:00:00Z',
        resolvedAt: null,
      }),
    ).toBeUndefined();
  });

  it('names the field, as the backend does', () => {
    expect(
      validateRecord('deployments', { ...good, status: 'ok', extra: 1 }),
    ).toBe('extra: unknown field; status: expected one of succeeded, failed');
    expect(
      validateRecord('deployments', { ...good, changes: [{ id: 'c' }] }),
    ).toBe('changes[0].committedAt: is required');
    expect(validateRecord('deployments', { ...good, commitSha: 'main' })).toBe(
      'commitSha: expected a commit sha (7 to 64 hex digits)',
    );
    expect(
      validateRecord('deployments', {
        ...good,
        startedAt: '2026-03-01T09:30:00Z',
      }),
    ).toBe('finishedAt: finishedAt is before startedAt');
    expect(
      validateRecord('survey-responses', {
        surveyId: '2026-Q5',
        userRef: 'jane',
        score: 11,
        submittedAt: '2026-03-01T10:00:00Z',
      }),
    ).toBe(
      'score: must be <= 10; surveyId: expected a survey id like 2026-Q4 or 2026-M11',
    );
  });

  it('checks adoption snapshots as the backend does, but for the day not after today', () => {
    const snapshot = {
      scope: 'org',
      day: '2025-01-06',
      adopted: 3,
      eligible: 20,
      exceptions: 1,
    };
    expect(validateRecord('adoption-snapshots', snapshot)).toBeUndefined();
    expect(
      validateRecord('adoption-snapshots', {
        ...snapshot,
        scope: 'group:default/payments-team',
      }),
    ).toBeUndefined();
    expect(
      validateRecord('adoption-snapshots', { ...snapshot, adopted: 20 }),
    ).toBe('eligible: must be at least adopted + exceptions (20 + 1)');
    expect(
      validateRecord('adoption-snapshots', { ...snapshot, day: '2025-02-29' }),
    ).toBe('day: 2025-02-29 is not a day of the calendar');
    expect(
      validateRecord('adoption-snapshots', {
        ...snapshot,
        adopted: -1,
        rate: 0.1,
      }),
    ).toBe('rate: unknown field; adopted: must be >= 0');
    expect(
      validateRecord('adoption-snapshots', {
        ...snapshot,
        scope: 'payments-team',
      }),
    ).toBe(
      'scope: expected org or the entity ref of a group, system or domain, with its kind (e.g. group:default/payments-team)',
    );
    expect(
      validateRecord('adoption-snapshots', { ...snapshot, day: '2025-1-6' }),
    ).toBe('day: expected a UTC day YYYY-MM-DD, e.g. 2026-03-02');
  });
});
