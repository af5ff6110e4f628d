import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MockPermissionApi, renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { EntityProvider, entityRouteRef } from '@backstage/plugin-catalog-react';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { SWRConfig } from 'swr';
import { platformMetricsApiRef } from '../../api';
import { makeAnnotation, makeImpact, mockApi } from '../../testing/fixtures';
import { EntityScorecardContent } from '../EntityScorecardContent';
import { PlatformHealthPage } from '../PlatformHealthPage';
import { weeklyMarkers } from './markers';

const launch = makeAnnotation({ id: 'launch', title: 'Platform launch', at: '2026-03-18T10:00:00.000Z' });
const outside = makeAnnotation({ id: 'old', title: 'Old news', at: '2025-01-01T00:00:00.000Z' });

describe('weeklyMarkers', () => {
  it('puts an annotation at the week holding it and leaves out those outside the chart', () => {
    const weeks = [{ weekStart: '2026-03-16T00:00:00.000Z' }, { weekStart: '2026-03-23T00:00:00.000Z' }];
    const late = makeAnnotation({ id: 'late', at: '2026-03-29T23:59:00.000Z' });
    expect(weeklyMarkers([launch, outside, late], weeks)).toEqual([
      { id: 'launch', x: '2026-03-16T00:00:00.000Z', label: 'Platform launch' },
      { id: 'late', x: '2026-03-23T00:00:00.000Z', label: 'Golden path v2' },
    ]);
  });
});

async function renderHealthPage(api = mockApi(), canWrite = false) {
  const permissionApi = new MockPermissionApi(request =>
    request.permission.name === 'platform-metrics.annotations.write' && canWrite
      ? AuthorizeResult.ALLOW
      : AuthorizeResult.DENY,
  );
  await renderInTestApp(
    <SWRConfig value={{ provider: () => new Map() }}>
      <TestApiProvider
        apis={[
          [platformMetricsApiRef, api],
          [permissionApiRef, permissionApi],
        ]}
      >
        <PlatformHealthPage />
      </TestApiProvider>
    </SWRConfig>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
  return api;
}

describe('annotations on the Platform health page', () => {
  it('draws org annotations on the weekly trends and opens the before/after panel', async () => {
    const api = mockApi({ listAnnotations: jest.fn().mockResolvedValue([launch]) });
    await renderHealthPage(api);
    const markers = await screen.findAllByRole('button', { name: /Platform launch \(/ });
    // one per weekly DORA chart
    expect(markers).toHaveLength(4);
    expect(api.listAnnotations).toHaveBeenCalledWith(expect.objectContaining({ scope: 'org' }));
    expect(screen.queryByRole('button', { name: 'Add annotation' })).not.toBeInTheDocument();

    await userEvent.click(markers[0]);
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText('Before and after: Platform launch')).toBeInTheDocument();
    const lead = await within(dialog).findByTestId('compare-leadTime');
    expect(lead).toHaveTextContent('2 hours (n = 40)');
    expect(lead).toHaveTextContent('1 hour (n = 45)');
    expect(lead).toHaveTextContent('−1 hour (−50%)');
    expect(lead).toHaveTextContent('Significant (p = 0.001)');
    expect(within(dialog).getByTestId('compare-timeToRestore')).toHaveTextContent('Insufficient data (fewer than 3)');
    expect(within(dialog).getByTestId('compare-deploymentFrequency')).toHaveTextContent('Inconclusive (p = 0.590)');
    expect(api.getAnnotationImpact).toHaveBeenLastCalledWith('launch', { days: 30, scope: 'org' });

    await userEvent.click(within(dialog).getByRole('button', { name: '90 days' }));
    await waitFor(() => expect(api.getAnnotationImpact).toHaveBeenLastCalledWith('launch', { days: 90, scope: 'org' }));
  });

  it('lets holders of the write permission add an annotation, then shows it', async () => {
    const list = jest.fn().mockResolvedValueOnce([]).mockResolvedValue([launch]);
    const api = await renderHealthPage(mockApi({ listAnnotations: list }), true);
    await userEvent.click(await screen.findByRole('button', { name: 'Add annotation' }));
    const dialog = await screen.findByRole('dialog');
    await userEvent.type(within(dialog).getByRole('textbox', { name: /^Title/ }), 'Platform launch');
    const when = within(dialog).getByLabelText(/When \(UTC\)/);
    await userEvent.clear(when);
    await userEvent.type(when, '2026-03-18T10:00');
    await userEvent.type(within(dialog).getByRole('textbox', { name: /^Tags/ }), 'launch, platform');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() =>
      expect(api.createAnnotation).toHaveBeenCalledWith({
        at: '2026-03-18T10:00:00Z',
        title: 'Platform launch',
        scope: 'org',
        tags: ['launch', 'platform'],
      }),
    );
    expect(await screen.findAllByRole('button', { name: /Platform launch \(/ })).toHaveLength(4);
  });
});

describe('annotations on the Scorecard tab', () => {
  it("lists the entity's annotations and compares before/after for the entity", async () => {
    const api = mockApi({
      listAnnotations: jest.fn().mockResolvedValue([launch]),
      getAnnotationImpact: jest.fn().mockResolvedValue(makeImpact({ scope: 'component:default/payments' })),
    });
    await renderInTestApp(
      <TestApiProvider apis={[[platformMetricsApiRef, api]]}>
        <EntityProvider
          entity={{
            apiVersion: 'backstage.io/v1alpha1',
            kind: 'Component',
            metadata: { name: 'payments', namespace: 'default' },
            spec: { type: 'service', owner: 'group:default/payments-team' },
          }}
        >
          <EntityScorecardContent />
        </EntityProvider>
      </TestApiProvider>,
    );
    const markers = await screen.findAllByRole('button', { name: /Platform launch \(/ });
    expect(api.listAnnotations).toHaveBeenCalledWith(expect.objectContaining({ scope: 'component:default/payments' }));
    await userEvent.click(markers[0]);
    const dialog = await screen.findByRole('dialog');
    expect(await within(dialog).findByText(/in payments\./)).toBeInTheDocument();
    expect(api.getAnnotationImpact).toHaveBeenCalledWith('launch', { days: 30, scope: 'component:default/payments' });
  });
});
