import { mockCredentials } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { OrgSummary } from '@platform-metrics/plugin-platform-metrics-common';
import { CatalogVisibility } from './visibility';

/*
 * A summary's `templates[]` rows name software templates: a user sees the
 * rows of the Templates the catalog shows them (service/visibility.test.ts
 * checks the same rule for teams and systems against the real catalog, which
 * holds Templates only with the scaffolder's entity model installed).
 */

const row = (template: string) => ({
  template,
  created: 1,
  timeToFirstDeploy: { median: 60, n: 1, stalled: 0 },
});

describe('CatalogVisibility.filterSummary and templates', () => {
  const catalog = catalogServiceMock({
    entities: [
      {
        apiVersion: 'scaffolder.backstage.io/v1beta3',
        kind: 'Template',
        metadata: { name: 'Node-Service', namespace: 'default' },
        spec: { type: 'service', steps: [] },
      },
    ],
  });
  const visibility = new CatalogVisibility(catalog);
  const summary = {
    teams: [],
    adoption: {
      rate: null,
      adopted: 0,
      eligible: 0,
      exceptions: 0,
      trend: [],
      bySystem: [],
    },
    templates: [
      row('template:default/node-service'),
      row('template:default/retired'),
    ],
  } as unknown as OrgSummary;

  it('lists for a user only the templates the catalog shows them (a template no longer in it neither)', async () => {
    const seen = await visibility.filterSummary(
      summary,
      mockCredentials.user(),
    );
    expect(seen.templates.map(t => t.template)).toEqual([
      'template:default/node-service',
    ]);
  });

  it('leaves a service every row', async () => {
    expect(
      await visibility.filterSummary(summary, mockCredentials.service()),
    ).toBe(summary);
  });
});
