import { platformMetricsPlugin } from './plugin';

describe('platform-metrics', () => {
  it('should export plugin', () => {
    expect(platformMetricsPlugin).toBeDefined();
  });
});
