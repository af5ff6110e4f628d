import { createTestDatabases } from '../__testUtils__/databases';
import { createServices } from '../__testUtils__/services';
import { EntityUpsert } from '../database/CatalogStore';
import { makeWindow } from '../lib/time';

jest.setTimeout(60_000);

const entity = (name: string, patch: Partial<EntityUpsert>): EntityUpsert => ({
  entityRef: `component:default/${name}`,
  kind: 'component',
  type: 'service',
  ownerRef: 'group:default/team-a',
  systemRef: null,
  lifecycle: null,
  adoptionStatus: 'not-adopted',
  adoptionReason: null,
  annotatedCreatedAt: null,
  ...patch,
});

describe('ScorecardService', () => {
  const databases = createTestDatabases();

  it.each(databases.eachSupportedId())('explains golden-path status with the configured rules on %p', async databaseId => {
    const rules = [{ annotation: 'acme.io/paved-road', value: 'yes' }, { annotation: 'acme.io/template' }];
    const { stores, scorecards } = await createServices(await databases.init(databaseId), { adoption: { rules } });
    await stores.catalog.upsertEntities(
      [
        entity('paved', { adoptionStatus: 'adopted', adoptionRule: 'annotation acme.io/template is set' }),
        entity('offroad', {}),
        entity('legacy', { adoptionStatus: 'exception', adoptionReason: 'Mainframe bridge' }),
      ],
      Date.parse('2026-01-01T00:00:00Z'),
    );
    const window = makeWindow(30, '2026-04-01T00:00:00Z');
    const adoption = async (name: string) => (await scorecards.getScorecard(`component:default/${name}`, window)).adoption;
    expect(await adoption('paved')).toEqual({ status: 'adopted', reason: null, rule: 'annotation acme.io/template is set' });
    expect(await adoption('offroad')).toEqual({
      status: 'not-adopted',
      reason: null,
      rules: ['annotation acme.io/paved-road is "yes"', 'annotation acme.io/template is set'],
    });
    expect(await adoption('legacy')).toEqual({ status: 'exception', reason: 'Mainframe bridge' });
  });
});
