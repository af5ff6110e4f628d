import {
  platformMetricsIngestPermission,
  platformMetricsPermissions,
  platformMetricsSurveyAdminPermission,
  platformMetricsSurveyImportPermission,
} from './permissions';

describe('permissions', () => {
  it('lists every permission of the plugin, each with its own name', () => {
    expect(platformMetricsPermissions.map(p => p.name)).toEqual([
      'platform-metrics.metrics.read',
      'platform-metrics.survey-comments.read',
      'platform-metrics.events.ingest',
      'platform-metrics.survey.import',
      'platform-metrics.survey.admin',
      'platform-metrics.annotations.write',
      'platform-metrics.integrations.read',
    ]);
  });

  it('keeps survey imports and erasure apart from event ingestion', () => {
    expect(platformMetricsSurveyImportPermission.name).not.toBe(platformMetricsIngestPermission.name);
    expect(platformMetricsSurveyImportPermission.attributes).toEqual({ action: 'create' });
    expect(platformMetricsSurveyAdminPermission.attributes).toEqual({ action: 'delete' });
  });
});
