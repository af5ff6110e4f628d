import { createPermission } from '@backstage/plugin-permission-common';

/** Read scorecards and org summaries. @public */
export const platformMetricsReadPermission = createPermission({
  name: 'platform-metrics.metrics.read',
  attributes: { action: 'read' },
});

/** Read the free-text comments of survey responses (without identity). @public */
export const platformMetricsCommentsReadPermission = createPermission({
  name: 'platform-metrics.survey-comments.read',
  attributes: { action: 'read' },
});

/** Ingest deployments and incidents. @public */
export const platformMetricsIngestPermission = createPermission({
  name: 'platform-metrics.events.ingest',
  attributes: { action: 'create' },
});

/** Every permission of the plugin. @public */
export const platformMetricsPermissions = [
  platformMetricsReadPermission,
  platformMetricsCommentsReadPermission,
  platformMetricsIngestPermission,
];
