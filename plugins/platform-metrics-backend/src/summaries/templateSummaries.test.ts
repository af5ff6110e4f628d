import { createTestDatabases } from '../__testUtils__/databases';
import {
  catalogComponent,
  paymentsDeployment as dep,
} from '../__testUtils__/records';
import { createServices } from '../__testUtils__/services';
import { EntityUpsert } from '../database/CatalogStore';
import { SummaryScope } from '../metrics/scope';

jest.setTimeout(60_000);

/*
 * The time to first deploy per software template in the summaries of every
 * scope (docs/metrics.md, "TTFD per software template (§3)"), precomputed
 * for the org and the teams: the stored summary and the one computed on the
 * spot say the same.
 */

const DAY = 86_400;
const NODE = 'template:default/node-service';
const JAVA = 'template:default/java-service';
const A = 'group:default/team-a';
const B = 'group:default/team-b';

function made(
  name: string,
  owner: string,
  template: string | null,
  createdAt: string,
  systemRef: string | null,
): EntityUpsert {
  return {
    ...catalogComponent(name, owner),
    sourceTemplate: template,
    annotatedCreatedAt: Date.parse(createdAt),
    systemRef,
  };
}

describe('summaries: TTFD per software template', () => {
  const databases = createTestDatabases();

  it.each(databases.eachSupportedId())(
    'lists each template’s cohort in every scope, stored as computed, on %p',
    async databaseId => {
      let now = Date.parse('2026-03-31T12:00:00Z');
      const services = await createServices(
        await databases.init(databaseId),
        { rollups: { summaryWindows: [90] } },
        () => now,
      );
      const { catalog, events } = services.stores;
      await catalog.upsertEntities(
        [
          made('n1', A, NODE, '2026-03-01T10:00:00Z', 'system:default/shop'),
          made('n2', B, NODE, '2026-03-05T10:00:00Z', 'system:default/shop'),
          // never deployed, created 70 days before the window's end: stalled
          made(
            'j1',
            A,
            JAVA,
            '2026-01-20T10:00:00Z',
            'system:default/back-office',
          ),
          // made from a template before the window: in no cohort
          made('j-old', B, JAVA, '2025-06-01T10:00:00Z', null),
          // made from no template: in the scope's cohort, in no template's
          made('plain', A, null, '2026-03-01T10:00:00Z', 'system:default/shop'),
        ],
        Date.parse('2026-01-01T00:00:00Z'),
      );
      await catalog.replaceSystems([
        {
          systemRef: 'system:default/shop',
          domainRef: 'domain:default/commerce',
        },
        { systemRef: 'system:default/back-office', domainRef: null },
      ]);
      await events.upsertDeployments([
        dep({
          id: 'd-n1',
          entityRef: 'n1',
          finishedAt: '2026-03-02T10:00:00Z',
        }),
        dep({
          id: 'd-n2',
          entityRef: 'n2',
          finishedAt: '2026-03-08T10:00:00Z',
        }),
        dep({
          id: 'd-plain',
          entityRef: 'plain',
          finishedAt: '2026-03-01T22:00:00Z',
        }),
        dep({
          id: 'd-old',
          entityRef: 'j-old',
          finishedAt: '2025-06-03T10:00:00Z',
        }),
      ]);
      await services.runRollupJob();
      expect(await services.summaries.refresh(true)).toBe(3);
      now = Date.parse('2026-03-31T12:01:00Z');

      const window = services.summaries.currentWindow(90);
      const templates = async (scope: SummaryScope) =>
        (await services.summaries.getOrgSummary(window, scope)).templates;
      const org: SummaryScope = { type: 'org', ref: 'org' };
      expect(await templates(org)).toEqual([
        {
          template: NODE,
          created: 2,
          timeToFirstDeploy: { median: 2 * DAY, n: 2, stalled: 0 },
        },
        {
          template: JAVA,
          created: 1,
          timeToFirstDeploy: { median: null, n: 0, stalled: 1 },
        },
      ]);
      expect(await templates({ type: 'group', ref: A })).toEqual([
        {
          template: NODE,
          created: 1,
          timeToFirstDeploy: { median: DAY, n: 1, stalled: 0 },
        },
        {
          template: JAVA,
          created: 1,
          timeToFirstDeploy: { median: null, n: 0, stalled: 1 },
        },
      ]);
      expect(await templates({ type: 'group', ref: B })).toEqual([
        {
          template: NODE,
          created: 1,
          timeToFirstDeploy: { median: 3 * DAY, n: 1, stalled: 0 },
        },
      ]);
      const shop = [
        {
          template: NODE,
          created: 2,
          timeToFirstDeploy: { median: 2 * DAY, n: 2, stalled: 0 },
        },
      ];
      expect(
        await templates({ type: 'system', ref: 'system:default/shop' }),
      ).toEqual(shop);
      expect(
        (
          await services.summaries.scopeOf({
            domain: 'domain:default/commerce',
          })
        ).systems,
      ).toEqual(new Set(['system:default/shop']));
      expect(
        await templates(
          await services.summaries.scopeOf({
            domain: 'domain:default/commerce',
          }),
        ),
      ).toEqual(shop);
      // the scope's own cohort is unchanged: every component created in the window
      expect(
        (await services.summaries.getOrgSummary(window, org)).timeToFirstDeploy,
      ).toEqual({ median: DAY, n: 3, stalled: 1 });

      // the org's and the teams' stored summaries are the computed ones, to the last field
      for (const scope of [
        org,
        { type: 'group' as const, ref: A },
        { type: 'group' as const, ref: B },
      ]) {
        const stored = await services.summaries.getOrgSummary(window, scope, {
          current: true,
        });
        const computed = await services.summaries.getOrgSummary(window, scope);
        expect(stored.computedAt).toBe('2026-03-31T12:00:00.000Z');
        expect(computed.computedAt).toBe('2026-03-31T12:01:00.000Z');
        expect(stored).toEqual({ ...computed, computedAt: stored.computedAt });
      }
    },
  );
});
