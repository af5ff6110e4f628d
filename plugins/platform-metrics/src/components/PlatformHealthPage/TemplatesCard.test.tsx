import { screen, within } from '@testing-library/react';
import { renderInTestApp } from '@backstage/test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { TemplatesCard } from './TemplatesCard';

const mountedRoutes = { '/catalog/:namespace/:kind/:name': entityRouteRef };

describe('time to first deploy per software template', () => {
  it('lists each template with its cohort, deployed n, median and stalled count, linked to the template', async () => {
    await renderInTestApp(
      <TemplatesCard
        templates={[
          { template: 'template:default/golden-path-node-service', created: 6, timeToFirstDeploy: { median: 2 * 86_400, n: 5, stalled: 1 } },
          { template: 'template:default/golden-path-java-service', created: 2, timeToFirstDeploy: { median: null, n: 0, stalled: 0 } },
        ]}
      />,
      { mountedRoutes },
    );
    const table = screen.getByRole('table', { name: 'Time to first deploy per software template' });
    const node = within(table).getByTestId('template-golden-path-node-service');
    expect(within(node).getByRole('link', { name: 'golden-path-node-service' })).toHaveAttribute(
      'href',
      '/catalog/default/template/golden-path-node-service',
    );
    expect(node).toHaveTextContent(/^golden-path-node-service652 days1$/);
    // a template whose new services have not deployed yet has no median, and no bar
    expect(within(table).getByTestId('template-golden-path-java-service')).toHaveTextContent(/^golden-path-java-service20—0$/);
    expect(screen.getByRole('figure', { name: 'Median time to first deploy per template (days)' })).toBeInTheDocument();
  });

  it('says when no service was created from a template in the window', async () => {
    await renderInTestApp(<TemplatesCard templates={[]} />, { mountedRoutes });
    expect(screen.getByText('No service was created from a template in this window.')).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });
});
