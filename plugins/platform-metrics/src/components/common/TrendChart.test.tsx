import { screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/test-utils';
import { TrendChart } from './TrendChart';

const data = [
  { weekStart: '2026-03-16T00:00:00.000Z', leadTimeMedian: 7200 },
  { weekStart: '2026-03-23T00:00:00.000Z', leadTimeMedian: null },
  { weekStart: '2026-03-30T00:00:00.000Z', leadTimeMedian: 3600 },
];

describe('TrendChart', () => {
  it('draws a chart with a legend and axis units', async () => {
    await renderInTestApp(
      <TrendChart
        title="Lead time"
        data={data}
        xKey="weekStart"
        xLabel="Week starting"
        yLabel="hours"
        series={[{ key: 'leadTimeMedian', name: 'Median lead time (hours)', color: '#000' }]}
        formatY={v => `${v / 3600} h`}
        width={500}
      />,
    );
    const figure = screen.getByRole('figure', { name: 'Lead time' });
    expect(figure).toHaveTextContent('Median lead time (hours)'); // legend
    expect(figure).toHaveTextContent('Week starting'); // x axis label
    expect(figure).toHaveTextContent('hours'); // y axis unit
    expect(figure.querySelector('.recharts-legend-wrapper')).not.toBeNull();
    expect(figure.querySelector('.recharts-line')).not.toBeNull();
  });

  it('shows an empty state when there are no values, not a flat line at zero', async () => {
    await renderInTestApp(
      <TrendChart
        title="Lead time"
        data={[{ weekStart: '2026-03-16', leadTimeMedian: null }]}
        xKey="weekStart"
        xLabel="Week"
        yLabel="hours"
        series={[{ key: 'leadTimeMedian', name: 'Median', color: '#000' }]}
        emptyMessage="No changes shipped in this window."
        width={500}
      />,
    );
    const figure = screen.getByRole('figure', { name: 'Lead time' });
    expect(figure).toHaveTextContent('No changes shipped in this window.');
    expect(figure.querySelector('.recharts-wrapper')).toBeNull();
  });

  it('shows an empty state for an empty series', async () => {
    await renderInTestApp(
      <TrendChart
        title="NPS by survey"
        data={[]}
        xKey="surveyId"
        xLabel="Survey"
        yLabel="NPS"
        series={[{ key: 'score', name: 'NPS', color: '#000' }]}
      />,
    );
    expect(screen.getByRole('figure', { name: 'NPS by survey' })).toHaveTextContent(
      'No data in this window yet.',
    );
  });
});
