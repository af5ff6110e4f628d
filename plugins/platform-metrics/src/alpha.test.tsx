import { screen } from '@testing-library/react';
import {
  createExtensionTester,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import { coreExtensionData } from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { EntityProvider, entityRouteRef } from '@backstage/plugin-catalog-react';
import { HomePageWidgetBlueprint } from '@backstage/plugin-home-react/alpha';
import { Entity } from '@backstage/catalog-model';
import plugin, {
  entityScorecardContent,
  entityPlatformMetricsContent,
  entitySurveyCard,
  homeSurveyWidget,
  platformHealthPage,
} from './alpha';
import { platformMetricsApiRef } from './api';
import { platformMetricsRouteRef } from './index';
import { makeSurvey, mockApi } from './testing/fixtures';

const component: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'payments' },
  spec: { type: 'service' },
};
const api: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'API',
  metadata: { name: 'payments-api' },
  spec: { type: 'openapi' },
};

describe('platform-metrics new frontend system plugin', () => {
  it('has the plugin id and the documented extension ids', () => {
    expect(plugin.id).toBe('platform-metrics');
    for (const id of [
      'api:platform-metrics',
      'page:platform-metrics',
      'entity-content:platform-metrics/scorecard',
      'entity-card:platform-metrics/survey',
      'home-page-widget:platform-metrics/survey',
    ]) {
      expect(plugin.getExtension(id as any)).toBeDefined();
    }
  });

  it('serves the legacy route ref as its root route', () => {
    expect(plugin.routes.root).toBe(platformMetricsRouteRef);
    const tester = createExtensionTester(platformHealthPage);
    expect(tester.get(coreExtensionData.routeRef)).toBe(platformMetricsRouteRef);
  });

  it('adds a "Scorecard" tab at scorecard, on Components only', async () => {
    const tester = createExtensionTester(entityScorecardContent);
    expect(tester.get(coreExtensionData.routePath)).toBe('scorecard');
    expect(tester.get(EntityContentBlueprint.dataRefs.title)).toBe('Scorecard');
    const filter = tester.get(EntityContentBlueprint.dataRefs.filterFunction);
    expect(filter).toBeDefined();
    expect(filter!(component)).toBe(true);
    expect(filter!(api)).toBe(false);

    const metrics = mockApi();
    renderInTestApp(
      <EntityProvider entity={component}>{tester.reactElement()}</EntityProvider>,
      { apis: [[platformMetricsApiRef, metrics]] },
    );
    expect(
      await screen.findByRole('region', { name: 'Deployment frequency' }),
    ).toBeInTheDocument();
    expect(metrics.getEntityScorecard).toHaveBeenCalledWith(
      { kind: 'Component', namespace: 'default', name: 'payments' },
      { windowDays: 90, compare: 'baseline' },
    );
  });

  it('adds a "Platform metrics" tab to Group, System and Domain pages only', () => {
    const tester = createExtensionTester(entityPlatformMetricsContent);
    expect(tester.get(coreExtensionData.routePath)).toBe('platform-metrics');
    expect(tester.get(EntityContentBlueprint.dataRefs.title)).toBe('Platform metrics');
    const filter = tester.get(EntityContentBlueprint.dataRefs.filterFunction)!;
    const of = (kind: string) => ({ ...component, kind });
    expect([of('Group'), of('System'), of('Domain')].map(filter)).toEqual([true, true, true]);
    expect(filter(component)).toBe(false);
    expect(filter(of('User'))).toBe(false);
  });

  it('adds the "Platform health" page at /platform-health with a nav title and icon', async () => {
    const tester = createExtensionTester(platformHealthPage);
    expect(tester.get(coreExtensionData.routePath)).toBe('/platform-health');
    expect(tester.get(coreExtensionData.title)).toBe('Platform health');
    expect(tester.get(coreExtensionData.icon)).toBeDefined();

    renderInTestApp(tester.reactElement(), {
      apis: [[platformMetricsApiRef, mockApi()]],
      // the team table links each team to its Group page
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    });
    expect(
      await screen.findByRole('heading', { name: 'Platform health', level: 1 }),
    ).toBeInTheDocument();
    expect(
      await screen.findByRole('region', { name: 'Developer NPS' }),
    ).toBeInTheDocument();
  });

  it('provides the survey as an entity card', async () => {
    const tester = createExtensionTester(entitySurveyCard);
    expect(tester.get(EntityCardBlueprint.dataRefs.type)).toBe('content');
    renderInTestApp(
      <EntityProvider entity={component}>{tester.reactElement()}</EntityProvider>,
      { apis: [[platformMetricsApiRef, mockApi()]] },
    );
    expect(
      await screen.findByRole('group', {
        name: 'How likely are you to recommend the platform to a colleague?',
      }),
    ).toBeInTheDocument();
  });

  it('provides the survey as a home-page widget named PlatformMetricsSurvey', async () => {
    const tester = createExtensionTester(homeSurveyWidget);
    const widget = tester.get(HomePageWidgetBlueprint.dataRefs.widget);
    expect(widget.name).toBe('PlatformMetricsSurvey');
    expect(widget.title).toBe('Developer survey');
    renderInTestApp(widget.component, {
      apis: [[platformMetricsApiRef, mockApi()]],
    });
    expect(
      await screen.findByRole('button', { name: '10, extremely likely' }),
    ).toBeInTheDocument();
    // Only one card frame: the survey card draws its own.
    expect(screen.getAllByText('Developer survey')).toHaveLength(1);
  });

  it('keeps the home-page widget a card once the survey is answered, so the grid has no empty cell', async () => {
    const tester = createExtensionTester(homeSurveyWidget);
    const widget = tester.get(HomePageWidgetBlueprint.dataRefs.widget);
    const answered = makeSurvey({ answered: true, response: { score: 9, comment: null } });
    renderInTestApp(widget.component, {
      apis: [[platformMetricsApiRef, mockApi({ getCurrentSurvey: jest.fn().mockResolvedValue(answered) })]],
    });
    expect(await screen.findByRole('status')).toHaveTextContent('Thanks: you answered 9 out of 10 in the 2026-Q2 survey.');
    expect(screen.getByTestId('platform-metrics-survey')).toBeInTheDocument();
    expect(screen.getAllByText('Developer survey')).toHaveLength(1);
  });
});
