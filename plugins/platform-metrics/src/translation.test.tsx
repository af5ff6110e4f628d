import { screen } from '@testing-library/react';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import {
  TranslationApi,
  TranslationRef,
  TranslationSnapshot,
  translationApiRef,
} from '@backstage/frontend-plugin-api';
import { EntityProvider, entityRouteRef } from '@backstage/plugin-catalog-react';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { platformMetricsTranslationRef as exportedRef } from './alpha';
import { platformMetricsApiRef } from './api';
import { EntityScorecardContent } from './components/EntityScorecardContent';
import { PlatformHealthPage } from './components/PlatformHealthPage';
import { SurveyCard } from './components/SurveyCard';
import { mockApi } from './testing/fixtures';
import { platformMetricsTranslationRef } from './translation';

/** The English texts, with some of the plugin's messages replaced. */
function translationApiWith(overrides: Record<string, string>): TranslationApi {
  const english = mockApis.translation();
  return {
    getTranslation<TMessages extends { [key in string]: string }>(
      ref: TranslationRef<string, TMessages>,
    ): TranslationSnapshot<TMessages> {
      const snapshot = english.getTranslation(ref);
      if (ref.id !== platformMetricsTranslationRef.id || !snapshot.ready) {
        return snapshot;
      }
      const base = snapshot.t as unknown as (key: string, options?: object) => unknown;
      const t = (key: string, options?: object) => overrides[key] ?? base(key, options);
      return { ready: true, t } as unknown as TranslationSnapshot<TMessages>;
    },
    translation$: ref => english.translation$(ref),
  };
}

async function renderWith(overrides: Record<string, string>, element: JSX.Element) {
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [platformMetricsApiRef, mockApi()],
        [translationApiRef, translationApiWith(overrides)],
        [permissionApiRef, mockApis.permission()],
      ]}
    >
      {element}
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

describe('platformMetricsTranslationRef', () => {
  it('is exported from /alpha under the plugin id', () => {
    expect(exportedRef).toBe(platformMetricsTranslationRef);
    expect(exportedRef.id).toBe('platform-metrics');
  });

  it('gives the survey card its texts', async () => {
    await renderWith(
      { 'survey.submit': 'Send answer', 'survey.notNow': 'Later', 'survey.title': 'Pulse' },
      <SurveyCard />,
    );
    expect(await screen.findByRole('button', { name: 'Send answer' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Later' })).toBeInTheDocument();
    expect(screen.getByText('Pulse')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Submit' })).not.toBeInTheDocument();
  });

  it('gives the scorecard its texts, down to the metric cards', async () => {
    await renderWith(
      {
        'scorecard.title': 'Delivery scorecard',
        'scorecard.deploymentFrequency.title': 'Release cadence',
      },
      <EntityProvider
        entity={{
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Component',
          metadata: { name: 'payments' },
        }}
      >
        <EntityScorecardContent />
      </EntityProvider>,
    );
    expect(
      await screen.findByRole('heading', { name: 'Delivery scorecard' }),
    ).toBeInTheDocument();
    const card = await screen.findByRole('region', { name: 'Release cadence' });
    expect(card).toBeInTheDocument();
    expect(screen.queryByText('Scorecard')).not.toBeInTheDocument();
  });

  it('gives the platform health page its texts', async () => {
    await renderWith(
      { 'healthPage.title': 'Engineering health', 'tiles.nps.title': 'eNPS' },
      <PlatformHealthPage />,
    );
    expect(
      await screen.findByRole('heading', { name: 'Engineering health', level: 1 }),
    ).toBeInTheDocument();
    expect(await screen.findByRole('region', { name: 'eNPS' })).toBeInTheDocument();
  });
});
