import {
  deploymentBatchSchema,
  incidentBatchSchema,
  surveyImportBatchSchema,
  surveyResponseSchema,
} from './validation';
import { annotationSchema } from './annotationValidation';
import fc from 'fast-check';
import { ZodType } from 'zod';
import { compile, componentSchema, describeErrors } from '../__testUtils__/openapi';
import { costBatchSchema } from './costValidation';
import { pipelineRunBatchSchema } from './pipelineValidation';

/*
 * The router validates request bodies with zod (for its messages); the spec
 * documents the same bodies for clients and the generated types. Both must
 * accept and reject the same requests: every example below is checked with
 * the zod schema and, with ajv, with the spec's schema of that body.
 */

const bodies = {
  deployments: { zod: deploymentBatchSchema, spec: compile(componentSchema('DeploymentBatch')) },
  incidents: { zod: incidentBatchSchema, spec: compile(componentSchema('IncidentBatch')) },
  'survey answers': { zod: surveyResponseSchema, spec: compile(componentSchema('SurveyAnswer')) },
  'survey imports': { zod: surveyImportBatchSchema, spec: compile(componentSchema('SurveyImportBatch')) },
  'pipeline runs': { zod: pipelineRunBatchSchema, spec: compile(componentSchema('PipelineRunBatch')) },
  costs: { zod: costBatchSchema, spec: compile(componentSchema('CostBatch')) },
  annotations: { zod: annotationSchema, spec: compile(componentSchema('AnnotationInput')) },
};
type Body = keyof typeof bodies;

function verdicts(body: Body, example: unknown) {
  const { zod, spec } = bodies[body];
  const parsed = (zod as ZodType).safeParse(example);
  const specOk = spec(example) as boolean;
  return {
    zod: parsed.success,
    spec: specOk,
    why: parsed.success ? describeErrors(spec.errors).join('; ') : parsed.error.issues.map(i => i.message).join('; '),
  };
}

const deployment = (over: Record<string, unknown> = {}) => ({
  id: 'd1',
  entityRef: 'component:default/payments',
  environment: 'production',
  status: 'succeeded',
  finishedAt: '2026-03-02T10:00:00Z',
  ...over,
});
const without = (o: Record<string, unknown>, key: string) => {
  const copy = { ...o };
  delete copy[key];
  return copy;
};
const deployments = (...items: unknown[]) => ({ deployments: items });
const change = { id: 'c1', committedAt: '2026-03-02T09:00:00Z' };

const incident = (over: Record<string, unknown> = {}) => ({
  id: 'i1',
  entityRef: 'payments',
  openedAt: '2026-03-02T10:00:00Z',
  ...over,
});
const incidents = (...items: unknown[]) => ({ incidents: items });

const pipelineRun = (over: Record<string, unknown> = {}) => ({
  id: 'r1',
  entityRef: 'payments',
  startedAt: '2026-03-02T10:00:00Z',
  finishedAt: '2026-03-02T10:08:00Z',
  status: 'succeeded',
  ...over,
});
const pipelineRuns = (...items: unknown[]) => ({ runs: items });

const costRecord = (over: Record<string, unknown> = {}) => ({
  id: 'c1',
  entityRef: 'payments',
  period: '2026-11',
  amount: 120.5,
  currency: 'EUR',
  ...over,
});
const costs = (...items: unknown[]) => ({ costs: items });

const imported = (over: Record<string, unknown> = {}) => ({
  surveyId: '2026-Q3',
  userRef: 'alice',
  score: 9,
  comment: 'CI is slow',
  submittedAt: '2026-08-01T00:00:00Z',
  ...over,
});
const imports = (...items: unknown[]) => ({ responses: items });

const x = (n: number, c = 'x') => c.repeat(n);

const annotation = (over: Record<string, unknown> = {}) => ({
  at: '2026-06-10T12:00:00Z',
  title: 'Golden path v2',
  scope: 'org',
  ...over,
});

const examples: Array<[Body, string, unknown, boolean]> = [
  // ------------------------------------------------------------ deployments
  ['deployments', 'the required fields only', deployments(deployment()), true],
  ['deployments', 'every field', deployments(deployment({ source: 'github', startedAt: '2026-03-02T09:30:00Z', version: '1.2.3', changes: [change], type: 'hotfix', remediates: 'd0' })), true],
  ['deployments', 'a failed rollout', deployments(deployment({ status: 'failed' })), true],
  ['deployments', 'a change list with a gap', deployments(deployment({ changes: [change], changesComplete: false })), true],
  ['deployments', 'changesComplete as a string', deployments(deployment({ changesComplete: 'no' })), false],
  ['deployments', 'a rollback', deployments(deployment({ type: 'rollback' })), true],
  ['deployments', 'no changes', deployments(deployment({ changes: [] })), true],
  ['deployments', '1000 items', deployments(...Array.from({ length: 1000 }, (_, i) => deployment({ id: `d${i}` }))), true],
  ['deployments', 'an id of 255 characters', deployments(deployment({ id: x(255) })), true],
  ['deployments', 'an environment with surrounding spaces', deployments(deployment({ environment: ' prod ' })), true],
  ['deployments', 'a version of 255 characters', deployments(deployment({ version: x(255) })), true],
  ['deployments', 'a bare entity name', deployments(deployment({ entityRef: 'payments' })), true],
  ['deployments', 'an entity ref without kind', deployments(deployment({ entityRef: 'default/payments' })), true],
  ['deployments', 'an entity ref in capitals with spaces around', deployments(deployment({ entityRef: ' Component:Default/Payments-API ' })), true],
  ['deployments', 'an entity name of 63 characters', deployments(deployment({ entityRef: x(63, 'a') })), true],
  ['deployments', 'a time with an offset', deployments(deployment({ finishedAt: '2026-03-02T12:00:00+02:00' })), true],
  ['deployments', 'a time with a compact offset', deployments(deployment({ finishedAt: '2026-03-02T12:00:00+0200' })), true],
  ['deployments', 'a time without seconds', deployments(deployment({ finishedAt: '2026-03-02T10:00Z' })), true],
  ['deployments', 'a time in lower case', deployments(deployment({ finishedAt: '2026-03-02t10:00:00z' })), true],
  ['deployments', 'a time with nanoseconds', deployments(deployment({ finishedAt: '2026-03-02T10:00:00.123456789Z' })), true],
  ['deployments', 'midnight written as 24:00', deployments(deployment({ finishedAt: '2026-03-01T24:00:00Z' })), true],
  ['deployments', 'no body', undefined, false],
  ['deployments', 'no deployments', {}, false],
  ['deployments', 'a single deployment instead of a list', { deployments: deployment() }, false],
  ['deployments', 'no items', deployments(), false],
  ['deployments', '1001 items', deployments(...Array.from({ length: 1001 }, (_, i) => deployment({ id: `d${i}` }))), false],
  ['deployments', 'a field beside the list', { ...deployments(deployment()), dryRun: true }, false],
  ['deployments', 'no id', deployments(without(deployment(), 'id')), false],
  ['deployments', 'an empty id', deployments(deployment({ id: '' })), false],
  ['deployments', 'an id of spaces', deployments(deployment({ id: '   ' })), false],
  ['deployments', 'an id of 256 characters', deployments(deployment({ id: x(256) })), false],
  ['deployments', 'a numeric id', deployments(deployment({ id: 7 })), false],
  ['deployments', 'an empty source', deployments(deployment({ source: '' })), false],
  ['deployments', 'no entity ref', deployments(without(deployment(), 'entityRef')), false],
  ['deployments', 'an unparseable entity ref', deployments(deployment({ entityRef: 'a:b:c/d/e' })), false],
  ['deployments', 'an empty entity ref', deployments(deployment({ entityRef: '' })), false],
  ['deployments', 'an entity ref without name', deployments(deployment({ entityRef: 'component:default/' })), false],
  ['deployments', 'an entity name with a space', deployments(deployment({ entityRef: 'payments api' })), false],
  ['deployments', 'a kind starting with a digit', deployments(deployment({ entityRef: '1x:default/payments' })), false],
  ['deployments', 'a namespace with an underscore', deployments(deployment({ entityRef: 'component:my_ns/payments' })), false],
  ['deployments', 'an entity name of 64 characters', deployments(deployment({ entityRef: x(64, 'a') })), false],
  ['deployments', 'an empty environment', deployments(deployment({ environment: '' })), false],
  ['deployments', 'an environment of spaces', deployments(deployment({ environment: '  ' })), false],
  ['deployments', 'an environment of 101 characters', deployments(deployment({ environment: x(101) })), false],
  ['deployments', 'an unknown status', deployments(deployment({ status: 'success' })), false],
  ['deployments', 'a numeric status', deployments(deployment({ status: 3 })), false],
  ['deployments', 'no finishedAt', deployments(without(deployment(), 'finishedAt')), false],
  ['deployments', 'a time in words', deployments(deployment({ finishedAt: 'yesterday' })), false],
  ['deployments', 'a date without time', deployments(deployment({ finishedAt: '2026-03-02' })), false],
  ['deployments', 'a time without zone', deployments(deployment({ finishedAt: '2026-03-02T10:00:00' })), false],
  ['deployments', 'month 13', deployments(deployment({ finishedAt: '2026-13-02T10:00:00Z' })), false],
  ['deployments', 'hour 25', deployments(deployment({ finishedAt: '2026-03-02T25:00:00Z' })), false],
  ['deployments', 'an offset of 25 hours', deployments(deployment({ finishedAt: '2026-03-02T10:00:00+25:00' })), false],
  ['deployments', 'epoch milliseconds', deployments(deployment({ finishedAt: 1772445600000 })), false],
  ['deployments', 'an unparseable startedAt', deployments(deployment({ startedAt: 'soon' })), false],
  ['deployments', 'a version of 256 characters', deployments(deployment({ version: x(256) })), false],
  ['deployments', 'a numeric version', deployments(deployment({ version: 2 })), false],
  ['deployments', 'changes that are not a list', deployments(deployment({ changes: change })), false],
  ['deployments', 'a change without committedAt', deployments(deployment({ changes: [{ id: 'c1' }] })), false],
  ['deployments', 'a change with an empty id', deployments(deployment({ changes: [{ ...change, id: '' }] })), false],
  ['deployments', 'a change with an unknown field', deployments(deployment({ changes: [{ ...change, message: 'Fix' }] })), false],
  ['deployments', 'a change authored by a user ref', deployments(deployment({ changes: [{ ...change, author: 'user:default/alice' }] })), true],
  ['deployments', 'a change authored by a bare user name', deployments(deployment({ changes: [{ ...change, author: ' Alice ' }] })), true],
  ['deployments', 'a change authored by an email', deployments(deployment({ changes: [{ ...change, author: 'Alice@Example.com' }] })), true],
  ['deployments', 'a change authored by a group', deployments(deployment({ changes: [{ ...change, author: 'group:default/team' }] })), false],
  ['deployments', 'a change authored by an address without a domain', deployments(deployment({ changes: [{ ...change, author: 'alice@localhost' }] })), false],
  ['deployments', 'a change authored by an empty string', deployments(deployment({ changes: [{ ...change, author: '' }] })), false],
  ['deployments', 'a change authored by a number', deployments(deployment({ changes: [{ ...change, author: 7 }] })), false],
  ['deployments', 'deployed by a user in a namespace', deployments(deployment({ deployedBy: 'platform/ops-bot' })), true],
  ['deployments', 'deployed by an email', deployments(deployment({ deployedBy: "o'neil+ci@mail.example.co.uk" })), true],
  ['deployments', 'deployed by an email of 254 characters', deployments(deployment({ deployedBy: `${x(242, 'a')}@example.com` })), true],
  ['deployments', 'deployed by an email of 255 characters', deployments(deployment({ deployedBy: `${x(243, 'a')}@example.com` })), false],
  ['deployments', 'deployed by a component', deployments(deployment({ deployedBy: 'component:default/payments' })), false],
  ['deployments', 'deployed by two addresses', deployments(deployment({ deployedBy: 'a@example.com, b@example.com' })), false],
  ['deployments', '10001 changes', deployments(deployment({ changes: Array.from({ length: 10001 }, (_, i) => ({ ...change, id: `c${i}` })) })), false],
  ['deployments', 'an unknown deployment type', deployments(deployment({ type: 'canary' })), false],
  ['deployments', 'an empty remediates', deployments(deployment({ remediates: '' })), false],
  ['deployments', 'an unknown field', deployments(deployment({ colour: 'blue' })), false],
  ['deployments', 'a bad second item', deployments(deployment(), deployment({ id: 'd2', finishedAt: 'yesterday' })), false],
  // ------------------------------------------------------------ incidents
  ['incidents', 'the required fields only', incidents(incident()), true],
  ['incidents', 'every field', incidents(incident({ source: 'pagerduty', resolvedAt: '2026-03-02T11:00:00Z', severity: 'sev1', causedBy: 'd1' })), true],
  ['incidents', 'resolvedAt null while open', incidents(incident({ resolvedAt: null })), true],
  ['incidents', 'a severity of 50 characters', incidents(incident({ severity: x(50) })), true],
  ['incidents', '1000 items', incidents(...Array.from({ length: 1000 }, (_, i) => incident({ id: `i${i}` }))), true],
  ['incidents', 'no items', incidents(), false],
  ['incidents', '1001 items', incidents(...Array.from({ length: 1001 }, (_, i) => incident({ id: `i${i}` }))), false],
  ['incidents', 'no openedAt', incidents(without(incident(), 'openedAt')), false],
  ['incidents', 'an unparseable resolvedAt', incidents(incident({ resolvedAt: 'soon' })), false],
  ['incidents', 'a severity of 51 characters', incidents(incident({ severity: x(51) })), false],
  ['incidents', 'a numeric severity', incidents(incident({ severity: 1 })), false],
  ['incidents', 'an id of spaces', incidents(incident({ id: ' ' })), false],
  ['incidents', 'an empty causedBy', incidents(incident({ causedBy: '' })), false],
  ['incidents', 'an unparseable entity ref', incidents(incident({ entityRef: 'a/b/c' })), false],
  ['incidents', 'an unknown field', incidents(incident({ title: 'Outage' })), false],
  ['incidents', 'affected developers', incidents(incident({ affectedDevelopers: 42 })), true],
  ['incidents', 'no affected developers', incidents(incident({ affectedDevelopers: 0 })), true],
  ['incidents', 'a million affected developers', incidents(incident({ affectedDevelopers: 1_000_000 })), true],
  ['incidents', 'more than a million affected developers', incidents(incident({ affectedDevelopers: 1_000_001 })), false],
  ['incidents', 'negative affected developers', incidents(incident({ affectedDevelopers: -1 })), false],
  ['incidents', 'fractional affected developers', incidents(incident({ affectedDevelopers: 2.5 })), false],
  ['incidents', 'affected developers as a string', incidents(incident({ affectedDevelopers: '12' })), false],
  ['incidents', 'affected developers null (not known)', incidents(incident({ affectedDevelopers: null })), true],
  // ------------------------------------------------------------ annotations
  ['annotations', 'the required fields only', annotation(), true],
  ['annotations', 'every field', annotation({ id: 'golden-path-v2', description: 'x', url: 'https://example.com/a', tags: ['release', 'Platform'] }), true],
  ['annotations', 'a group scope', annotation({ scope: 'group:default/payments-team' }), true],
  ['annotations', 'a bare entity name as scope', annotation({ scope: 'payments' }), true],
  ['annotations', '20 tags', annotation({ tags: Array.from({ length: 20 }, (_, i) => `t${i}`) }), true],
  ['annotations', 'no title', without(annotation(), 'title'), false],
  ['annotations', 'a title of spaces', annotation({ title: '   ' }), false],
  ['annotations', 'a title of 201 characters', annotation({ title: x(201) }), false],
  ['annotations', 'no at', without(annotation(), 'at'), false],
  ['annotations', 'a time without zone', annotation({ at: '2026-06-10T12:00:00' }), false],
  ['annotations', 'no scope', without(annotation(), 'scope'), false],
  ['annotations', 'an unparseable scope', annotation({ scope: 'a:b:c/d/e' }), false],
  ['annotations', 'an id with a space', annotation({ id: 'a b' }), false],
  ['annotations', 'an id of 256 characters', annotation({ id: x(256) }), false],
  ['annotations', 'a url that is not http(s)', annotation({ url: 'ftp://example.com/a' }), false],
  ['annotations', 'a description of 4001 characters', annotation({ description: x(4001) }), false],
  ['annotations', '21 tags', annotation({ tags: Array.from({ length: 21 }, (_, i) => `t${i}`) }), false],
  ['annotations', 'an empty tag', annotation({ tags: [''] }), false],
  ['annotations', 'a tag of 51 characters', annotation({ tags: [x(51)] }), false],
  ['annotations', 'an unknown field', annotation({ colour: 'blue' }), false],
  // ------------------------------------------------------------ survey answers
  ['survey answers', 'a score of 0', { score: 0 }, true],
  ['survey answers', 'a score of 10 with a comment', { score: 10, comment: 'Great docs' }, true],
  ['survey answers', 'an empty comment', { score: 7, comment: '' }, true],
  ['survey answers', 'a comment of 2000 characters', { score: 7, comment: x(2000) }, true],
  ['survey answers', 'no score', {}, false],
  ['survey answers', 'a score of 11', { score: 11 }, false],
  ['survey answers', 'a score of -1', { score: -1 }, false],
  ['survey answers', 'a fractional score', { score: 7.5 }, false],
  ['survey answers', 'a score as a string', { score: '7' }, false],
  ['survey answers', 'a null score', { score: null }, false],
  ['survey answers', 'a comment of 2001 characters', { score: 7, comment: x(2001) }, false],
  ['survey answers', 'a null comment', { score: 7, comment: null }, false],
  ['survey answers', 'a user named in the body', { score: 9, userRef: 'user:default/bob' }, false],
  // ------------------------------------------------------------ survey imports
  ['survey imports', 'every field', imports(imported()), true],
  ['survey imports', 'no comment', imports(without(imported(), 'comment')), true],
  ['survey imports', 'a monthly survey', imports(imported({ surveyId: '2026-M11' })), true],
  ['survey imports', 'a full user ref', imports(imported({ userRef: 'user:default/alice' })), true],
  ['survey imports', '1000 items', imports(...Array.from({ length: 1000 }, (_, i) => imported({ userRef: `u${i}` }))), true],
  ['survey imports', 'no items', imports(), false],
  ['survey imports', '1001 items', imports(...Array.from({ length: 1001 }, (_, i) => imported({ userRef: `u${i}` }))), false],
  ['survey imports', 'quarter 5', imports(imported({ surveyId: '2026-Q5' })), false],
  ['survey imports', 'month 13', imports(imported({ surveyId: '2026-M13' })), false],
  ['survey imports', 'a two-digit year', imports(imported({ surveyId: '26-Q1' })), false],
  ['survey imports', 'no user', imports(without(imported(), 'userRef')), false],
  ['survey imports', 'an unparseable user ref', imports(imported({ userRef: 'a:b:c/d/e' })), false],
  ['survey imports', 'a score of 11', imports(imported({ score: 11 })), false],
  ['survey imports', 'an unparseable submittedAt', imports(imported({ submittedAt: 'last week' })), false],
  ['survey imports', 'no submittedAt', imports(without(imported(), 'submittedAt')), false],
  ['survey imports', 'a comment of 2001 characters', imports(imported({ comment: x(2001) })), false],
  ['survey imports', 'an unknown field', imports(imported({ groups: ['team-a'] })), false],
  // ------------------------------------------------------------ pipeline runs
  ['pipeline runs', 'the required fields', pipelineRuns(pipelineRun()), true],
  ['pipeline runs', 'every field', pipelineRuns(pipelineRun({ source: 'gitlab', branch: 'main', commit: 'ABCDEF1', status: 'cancelled' })), true],
  ['pipeline runs', '1000 items', pipelineRuns(...Array.from({ length: 1000 }, (_, i) => pipelineRun({ id: `r${i}` }))), true],
  ['pipeline runs', 'no items', pipelineRuns(), false],
  ['pipeline runs', '1001 items', pipelineRuns(...Array.from({ length: 1001 }, (_, i) => pipelineRun({ id: `r${i}` }))), false],
  ['pipeline runs', 'an unknown status', pipelineRuns(pipelineRun({ status: 'passed' })), false],
  ['pipeline runs', 'no startedAt', pipelineRuns(without(pipelineRun(), 'startedAt')), false],
  ['pipeline runs', 'a commit that is not hex', pipelineRuns(pipelineRun({ commit: 'main' })), false],
  ['pipeline runs', 'an empty branch', pipelineRuns(pipelineRun({ branch: '' })), false],
  ['pipeline runs', 'an unknown field', pipelineRuns(pipelineRun({ durationSeconds: 480 })), false],
  // ------------------------------------------------------------ costs
  ['costs', 'a month', costs(costRecord()), true],
  ['costs', 'a day, a source, lower-case currency', costs(costRecord({ period: '2026-11-30', source: 'aws', currency: 'eur' })), true],
  ['costs', 'an amount of 0', costs(costRecord({ amount: 0 })), true],
  ['costs', 'no items', costs(), false],
  ['costs', 'a negative amount', costs(costRecord({ amount: -1 })), false],
  ['costs', 'an amount as a string', costs(costRecord({ amount: '12' })), false],
  ['costs', 'month 13', costs(costRecord({ period: '2026-13' })), false],
  ['costs', 'a quarter', costs(costRecord({ period: '2026-Q4' })), false],
  ['costs', 'a four-letter currency', costs(costRecord({ currency: 'EURO' })), false],
  ['costs', 'no currency', costs(without(costRecord(), 'currency')), false],
  ['costs', 'an unknown field', costs(costRecord({ tags: [] })), false],
];

describe('zod and the OpenAPI spec agree on request bodies', () => {
  it.each(examples)('%s: %s', (body, _name, example, valid) => {
    const v = verdicts(body, example);
    expect({ zod: v.zod, spec: v.spec }).toEqual({ zod: valid, spec: valid });
  });

  it('covers valid and invalid examples of every body', () => {
    for (const body of Object.keys(bodies)) {
      const mine = examples.filter(e => e[0] === body);
      expect(mine.filter(e => e[3]).length).toBeGreaterThan(0);
      expect(mine.filter(e => !e[3]).length).toBeGreaterThan(3);
    }
  });

  // Rules JSON Schema cannot state: zod rejects these, the spec only
  // describes them. Listed so that a change on either side shows here.
  it.each<[Body, string, unknown, string]>([
    ['deployments', 'finishedAt before startedAt', deployments(deployment({ startedAt: '2026-03-02T11:00:00Z' })), 'finishedAt is before startedAt'],
    ['incidents', 'resolvedAt before openedAt', incidents(incident({ resolvedAt: '2026-03-02T09:00:00Z' })), 'resolvedAt is before openedAt'],
    ['costs', 'a day that is not in the calendar', costs(costRecord({ period: '2026-02-30' })), 'not a day of the calendar'],
    ['costs', 'a month before 2000', costs(costRecord({ period: '1999-12' })), 'must be 2000-01 or later'],
    ['pipeline runs', 'finishedAt before startedAt', pipelineRuns(pipelineRun({ finishedAt: '2026-03-02T09:00:00Z' })), 'finishedAt is before startedAt'],
  ])('known difference, %s: %s (zod only)', (body, _name, example, message) => {
    expect(verdicts(body, example)).toEqual({ zod: false, spec: true, why: message });
  });

  it('known difference: zod counts the length of an id after trimming it, the spec before', () => {
    expect(verdicts('deployments', deployments(deployment({ id: ` ${x(255)} ` })))).toMatchObject({
      zod: true,
      spec: false,
    });
  });

  const asDeployment = (over: Record<string, unknown>) => verdicts('deployments', deployments(deployment(over)));
  const pad = (n: number, width: number) => String(n).padStart(width, '0');

  it('agrees on timestamps near the ISO-8601 grammar', () => {
    const digits = (max: number, width: number, min = 0) => fc.integer({ min, max }).map(n => pad(n, width));
    const timestamp = fc
      .tuple(
        // years whose every instant is inside the range of ingested timestamps
        // (2000-01-01 to a day from now): zod checks the range, the spec cannot
        // state it (service/inputHardening.test.ts)
        digits(2025, 4, 2001),
        digits(99, 2),
        digits(99, 2),
        fc.constantFrom('T', 't', ' '),
        digits(99, 2),
        digits(99, 2),
        fc.option(fc.tuple(digits(99, 2), fc.option(fc.stringMatching(/^[0-9]{1,10}$/))), { nil: undefined }),
        fc.oneof(
          fc.constantFrom('Z', 'z', '', 'UTC'),
          fc.tuple(fc.constantFrom('+', '-'), digits(99, 2), fc.constantFrom(':', ''), digits(99, 2)).map(p => p.join('')),
        ),
      )
      .map(
        ([y, mo, d, t, h, mi, s, zone]) =>
          `${y}-${mo}-${d}${t}${h}:${mi}${s ? `:${s[0]}${s[1] ? `.${s[1]}` : ''}` : ''}${zone}`,
      );
    fc.assert(
      fc.property(timestamp, finishedAt => {
        const v = asDeployment({ finishedAt });
        expect({ finishedAt, spec: v.spec }).toEqual({ finishedAt, spec: v.zod });
      }),
      { numRuns: 3000 },
    );
  });

  it('agrees on entity refs', () => {
    const ref = fc.oneof(
      // names, kinds and namespaces around their 63-character limit
      fc
        .tuple(fc.integer({ min: 60, max: 66 }), fc.constantFrom('', 'component:', 'default/', `${'k'.repeat(63)}:`, `${'n'.repeat(64)}/`))
        .map(([n, prefix]) => `${prefix}${'a'.repeat(n)}`),
      fc.string({ unit: fc.constantFrom('a', 'Z', '7', '-', '_', '.', ':', '/', ' ', '\t'), maxLength: 14 }),
      fc
        .tuple(
          fc.option(fc.stringMatching(/^[A-Za-z0-9]{0,64}$/)),
          fc.option(fc.stringMatching(/^[a-z0-9-]{0,65}$/)),
          fc.stringMatching(/^[A-Za-z0-9._-]{0,65}$/),
        )
        .map(([kind, ns, name]) => `${kind !== null ? `${kind}:` : ''}${ns !== null ? `${ns}/` : ''}${name}`),
    );
    fc.assert(
      fc.property(ref, entityRef => {
        const v = asDeployment({ entityRef });
        expect({ entityRef, spec: v.spec }).toEqual({ entityRef, spec: v.zod });
      }),
      { numRuns: 3000 },
    );
  });

  it('agrees on people: user refs and email addresses (§5)', () => {
    const person = fc.oneof(
      fc.string({ unit: fc.constantFrom('a', 'Z', '7', '-', '_', '.', ':', '/', '@', '+', ' ', "'"), maxLength: 16 }),
      fc
        .tuple(
          fc.stringMatching(/^[A-Za-z0-9.+_'-]{0,12}$/),
          fc.constantFrom('@', '@@', ':', '/'),
          fc.stringMatching(/^[A-Za-z0-9-]{0,8}(\.[A-Za-z0-9-]{0,8}){0,2}$/),
        )
        .map(parts => parts.join('')),
      fc.tuple(fc.constantFrom('', 'user:', 'User:', 'group:', 'default/'), fc.stringMatching(/^[A-Za-z0-9._-]{0,10}$/)).map(p => p.join('')),
    );
    fc.assert(
      fc.property(person, deployedBy => {
        const v = asDeployment({ deployedBy });
        expect({ deployedBy, spec: v.spec }).toEqual({ deployedBy, spec: v.zod });
      }),
      { numRuns: 3000 },
    );
  });
});
