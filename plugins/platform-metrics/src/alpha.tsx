import {
  convertLegacyRouteRef,
  convertLegacyRouteRefs,
} from '@backstage/core-compat-api';
import {
  ApiBlueprint,
  PageBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { HomePageWidgetBlueprint } from '@backstage/plugin-home-react/alpha';
import InsertChartOutlinedIcon from '@material-ui/icons/InsertChartOutlined';
import { platformMetricsApiRef, PlatformMetricsClient } from './api';
import { reviewRouteRef, rootRouteRef } from './routes';

/** @alpha */
export const platformMetricsApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: platformMetricsApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new PlatformMetricsClient({ discoveryApi, fetchApi }),
    }),
});

/** The "Platform health" page, with its sidebar nav item; its sub-page `review` is the Quarter in review. @alpha */
export const platformHealthPage = PageBlueprint.make({
  params: {
    path: '/platform-health',
    title: 'Platform health',
    icon: <InsertChartOutlinedIcon fontSize="inherit" />,
    routeRef: convertLegacyRouteRef(rootRouteRef),
    noHeader: true,
    loader: () =>
      import('./components/PlatformHealthPage').then(m => (
        <m.PlatformHealthRoutes />
      )),
  },
});

/** The "Scorecard" tab on Component entity pages. @alpha */
export const entityScorecardContent = EntityContentBlueprint.make({
  name: 'scorecard',
  params: {
    path: 'scorecard',
    title: 'Scorecard',
    filter: { kind: 'component' },
    loader: () =>
      import('./components/EntityScorecardContent').then(m => (
        <m.EntityScorecardContent />
      )),
  },
});

/** The "Platform metrics" tab of Group, System and Domain pages. @alpha */
export const entityPlatformMetricsContent = EntityContentBlueprint.make({
  name: 'platform-metrics',
  params: {
    path: 'platform-metrics',
    title: 'Platform metrics',
    filter: entity => ['group', 'system', 'domain'].includes(entity.kind.toLocaleLowerCase('en-US')),
    loader: () =>
      import('./components/EntityPlatformMetricsContent').then(m => (
        <m.EntityPlatformMetricsContent />
      )),
  },
});

/** The developer survey as an entity-page card. @alpha */
export const entitySurveyCard = EntityCardBlueprint.make({
  name: 'survey',
  params: {
    type: 'content',
    loader: () =>
      import('./components/SurveyCard').then(m => <m.SurveyCard />),
  },
});

/** The developer survey as a home-page widget (`PlatformMetricsSurvey`). @alpha */
export const homeSurveyWidget = HomePageWidgetBlueprint.make({
  name: 'survey',
  params: {
    name: 'PlatformMetricsSurvey',
    title: 'Developer survey',
    description:
      'Asks the developer survey: the NPS question, an optional follow-up and the 1-5 agreement statements.',
    layout: {
      width: { minColumns: 4, defaultColumns: 6 },
      // the NPS question, the follow-up and the agreement statements: taller than other widgets
      height: { minRows: 4, defaultRows: 8 },
    },
    components: () =>
      import('./components/SurveyCard').then(m => ({
        Content: () => <m.SurveyCard />,
      })),
    // The survey card draws its own card; once answered or snoozed it stays a
    // short card saying so, as the home grid keeps the widget's cell anyway.
    componentProps: {
      // a cell smaller than the card (a user's own layout) scrolls instead of cutting the statements off
      Renderer: ({ Content }: { Content: () => JSX.Element }) => (
        <div style={{ height: '100%', overflowY: 'auto' }}>
          <Content />
        </div>
      ),
    },
  },
});

/**
 * Platform Metrics for the new frontend system.
 *
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: 'platform-metrics',
  title: 'Platform health',
  icon: <InsertChartOutlinedIcon fontSize="inherit" />,
  routes: convertLegacyRouteRefs({
    root: rootRouteRef,
    review: reviewRouteRef,
  }),
  extensions: [
    platformMetricsApi,
    platformHealthPage,
    entityScorecardContent,
    entityPlatformMetricsContent,
    entitySurveyCard,
    homeSurveyWidget,
  ],
});

export { platformMetricsApiRef, PlatformMetricsClient } from './api';
export { platformMetricsTranslationRef } from './translation';
export type { PlatformMetricsApi, MetricWindowOptions, AnnotationQuery, SummaryOptions } from './api';
