import { mockCredentials } from '@backstage/backend-test-utils';
import express from 'express';
import { createTestDatabases } from '../__testUtils__/databases';
import { scopedWorld } from '../__testUtils__/scopedWorld';
import { request } from '../__testUtils__/validatedRequest';
import { EXPORT_COLUMNS, csvField } from '../export/EntityExport';

jest.setTimeout(60_000);

/** The CSV as rows of named fields (no field of this world needs quoting). */
function parseCsv(text: string): Array<Record<string, string>> {
  const [header, ...rows] = text.split('\r\n').filter(Boolean);
  const names = header.split(',');
  return rows.map(r => Object.fromEntries(r.split(',').map((v, i) => [names[i], v])));
}

describe('csvField', () => {
  it('quotes commas, quotes and line breaks, defuses formulas and leaves nulls empty', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField(-1.5)).toBe('-1.5');
    expect(csvField(null)).toBe('');
  });
});

describe.each(createTestDatabases().eachSupportedId())('GET /export/entities.csv on %p', databaseId => {
  const databases = createTestDatabases();

  const csv = (a: express.Express, query: string) =>
    request(a)
      .get(`/export/entities.csv?windowDays=30&to=2026-06-01T00:00:00Z&${query}`)
      .set('Authorization', mockCredentials.user.header())
      .buffer(true)
      .parse((res, done) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString('utf8')));
        res.on('end', () => done(null, body));
      });

  it('streams one row per component in scope with the scorecard figures, as an attachment', async () => {
    const { a } = await scopedWorld(databases, databaseId);
    const res = await csv(a, '');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="platform-metrics-org-2026-05-02-2026-06-01.csv"');
    const text = res.body as string;
    expect(text.split('\r\n')[0]).toBe(EXPORT_COLUMNS.join(','));
    const rows = parseCsv(text);
    expect(rows.map(r => r.entityRef)).toEqual(['component:default/cart', 'component:default/payments', 'component:default/search']);
    const payments = rows.find(r => r.entityRef === 'component:default/payments')!;
    expect(payments).toMatchObject({
      ownerRef: 'group:default/team-a',
      systemRef: 'system:default/shop',
      adoptionStatus: 'adopted',
      windowFrom: '2026-05-02T00:00:00.000Z',
      windowTo: '2026-06-01T00:00:00.000Z',
      deployments: '30',
      deploymentsPerWeek: '7',
      deploymentFrequencyTier: 'elite',
      leadTimeMedianSeconds: String(4 * 3600),
      leadTimeChanges: '30',
      changeFailureRate: '0',
      // no incidents: no restore time, an empty field
      timeToRestoreMedianSeconds: '',
      timeToRestoreTier: 'insufficient-data',
    });
    // the service created in the window: its time to first deploy, 5.5 days
    const search = rows.find(r => r.entityRef === 'component:default/search')!;
    expect(search).toMatchObject({ createdAt: '2026-05-12T00:00:00.000Z', timeToFirstDeploySeconds: String(5.5 * 86_400) });
    // the export and the scorecard agree
    const scorecard = await request(a)
      .get('/entities/component/default/payments/scorecard?windowDays=30&to=2026-06-01T00:00:00Z')
      .set('Authorization', mockCredentials.user.header());
    expect(Number(payments.leadTimeP90Seconds)).toBe(scorecard.body.dora.leadTime.p90);
    expect(payments.overallTier).toBe(scorecard.body.dora.overallTier);
  });

  it('narrows to a group, a system or a domain, and answers 400 before streaming for bad input', async () => {
    const { a } = await scopedWorld(databases, databaseId);
    const refs = async (query: string) => parseCsv((await csv(a, query)).body).map(r => r.entityRef);
    expect(await refs('group=team-b')).toEqual(['component:default/cart', 'component:default/search']);
    expect(await refs('system=shop')).toEqual(['component:default/cart', 'component:default/payments']);
    expect(await refs('domain=commerce')).toEqual(['component:default/cart', 'component:default/payments']);
    const named = await csv(a, 'domain=commerce');
    expect(named.headers['content-disposition']).toMatch(/filename="platform-metrics-domain-default-commerce-/);

    const bad = await request(a)
      .get('/export/entities.csv?windowDays=0')
      .set('Authorization', mockCredentials.user.header());
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/windowDays/);
    const two = await request(a)
      .get('/export/entities.csv?group=team-a&domain=commerce')
      .set('Authorization', mockCredentials.user.header());
    expect(two.status).toBe(400);
    expect(two.body.error.message).toMatch(/domain/);
  });

  it('answers the same rows as JSON for the team, system and domain tabs', async () => {
    const { a } = await scopedWorld(databases, databaseId);
    const res = await request(a)
      .get('/org/entities?windowDays=30&to=2026-06-01T00:00:00Z&domain=commerce')
      .set('Authorization', mockCredentials.user.header());
    expect(res.status).toBe(200);
    expect(res.body.scope).toEqual({ type: 'domain', ref: 'domain:default/commerce' });
    expect(res.body.entities.map((e: { entityRef: string }) => e.entityRef)).toEqual([
      'component:default/cart',
      'component:default/payments',
    ]);
    const payments = res.body.entities[1];
    expect(payments).toMatchObject({ ownerRef: 'group:default/team-a', adoptionStatus: 'adopted' });
    const csvRow = parseCsv((await csv(a, 'domain=commerce')).body).find(r => r.entityRef === payments.entityRef)!;
    expect(Number(csvRow.leadTimeMedianSeconds)).toBe(payments.dora.leadTime.median);
    expect(csvRow.overallTier).toBe(payments.dora.overallTier);
  });
});
