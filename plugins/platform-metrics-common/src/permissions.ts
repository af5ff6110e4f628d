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

/**
 * Import historical survey answers (`POST /survey-responses`): insert-only,
 * never overwriting a person's answer. Separate from the ingest permission,
 * so a CI token that sends deployments cannot write survey answers. @public
 */
export const platformMetricsSurveyImportPermission = createPermission({
  name: 'platform-metrics.survey.import',
  attributes: { action: 'create' },
});

/**
 * Administer stored survey answers: erase one person's answers
 * (`DELETE /surveys/responses`). @public
 */
export const platformMetricsSurveyAdminPermission = createPermission({
  name: 'platform-metrics.survey.admin',
  attributes: { action: 'delete' },
});

/**
 * Write platform-change annotations (`POST /annotations`,
 * `DELETE /annotations/{id}`): users and service tokens alike. Reading them
 * needs the read permission. @public
 */
export const platformMetricsAnnotationsWritePermission = createPermission({
  name: 'platform-metrics.annotations.write',
  attributes: { action: 'create' },
});

/**
 * Read the status of the webhook receivers (`GET /integrations/status`):
 * deliveries, signature failures, unmatched repositories and services. @public
 */
export const platformMetricsIntegrationsReadPermission = createPermission({
  name: 'platform-metrics.integrations.read',
  attributes: { action: 'read' },
});

/** Every permission of the plugin. @public */
export const platformMetricsPermissions = [
  platformMetricsReadPermission,
  platformMetricsCommentsReadPermission,
  platformMetricsIngestPermission,
  platformMetricsSurveyImportPermission,
  platformMetricsSurveyAdminPermission,
  platformMetricsAnnotationsWritePermission,
  platformMetricsIntegrationsReadPermission,
];
