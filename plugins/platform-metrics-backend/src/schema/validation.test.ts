import { deploymentBatchSchema, formatIssues, incidentSchema, metricsQuerySchema } from './validation';

describe('schemas', () => {
  it('normalises refs and timestamps, and applies defaults', () => {
    const { deployments } = deploymentBatchSchema.parse({
      deployments: [
        { id: 'd1', entityRef: 'Payments', environment: 'production', status: 'succeeded', finishedAt: '2026-03-02T12:00:00+02:00' },
      ],
    });
    expect(deployments[0]).toEqual({
      id: 'd1',
      source: 'api',
      entityRef: 'component:default/payments',
      environment: 'production',
      status: 'succeeded',
      finishedAt: '2026-03-02T10:00:00.000Z',
      changes: [],
      type: 'standard',
    });
  });

  it('rejects a timestamp without a time zone', () => {
    const r = incidentSchema.safeParse({ id: 'i', entityRef: 'x', openedAt: '2026-03-02T12:00:00' });
    expect(r.success).toBe(false);
  });

  it('names the item and the field', () => {
    const r = deploymentBatchSchema.safeParse({
      deployments: [{ id: 'ok', entityRef: 'x', environment: 'p', status: 'succeeded', finishedAt: '2026-03-02T12:00:00Z' }, { id: '' }],
    });
    expect(r.success).toBe(false);
    expect(formatIssues(r.error!.issues)).toMatch(/^deployments\[1\]\.id: must not be empty/);
  });

  it('reads deployedBy and change authors as user refs or emails, and names the field at fault (§5)', () => {
    const base = { entityRef: 'x', environment: 'production', status: 'succeeded', finishedAt: '2026-03-02T12:00:00Z' };
    const change = (author?: string) => ({ id: 'c1', committedAt: '2026-03-02T11:00:00Z', ...(author !== undefined && { author }) });
    const { deployments } = deploymentBatchSchema.parse({
      deployments: [{ ...base, id: 'd1', deployedBy: 'Jane', changes: [change('Jane@Example.com'), change()] }],
    });
    expect(deployments[0].deployedBy).toBe('user:default/jane');
    expect(deployments[0].changes).toEqual([
      { id: 'c1', committedAt: '2026-03-02T11:00:00.000Z', author: 'jane@example.com' },
      { id: 'c1', committedAt: '2026-03-02T11:00:00.000Z' },
    ]);
    const bad = deploymentBatchSchema.safeParse({
      deployments: [
        { ...base, id: 'd1' },
        { ...base, id: 'd2' },
        { ...base, id: 'd3', deployedBy: 'group:default/ops', changes: [change('jane@localhost')] },
      ],
    });
    expect(formatIssues(bad.error!.issues)).toBe(
      'deployments[2].changes[0].author: expected a user ref (user:default/jane) or an email address: not a valid email address; ' +
        'deployments[2].deployedBy: expected a user ref (user:default/jane) or an email address: group:default/ops is not a user ref',
    );
  });

  it('bounds windowDays to 1..730 and defaults to 90', () => {
    expect(metricsQuerySchema.parse({}).windowDays).toBe(90);
    expect(metricsQuerySchema.parse({ windowDays: '730' }).windowDays).toBe(730);
    expect(metricsQuerySchema.safeParse({ windowDays: '731' }).success).toBe(false);
    expect(metricsQuerySchema.safeParse({ windowDays: '1.5' }).success).toBe(false);
  });
});
