/**
 * Types, permissions and pure metric functions shared by the platform-metrics
 * frontend and backend plugins.
 *
 * @packageDocumentation
 */
// the models and the DefaultApiClient generated from the backend's OpenAPI spec
export * from './schema/openapi';
export * from './constants';
export * from './refs';
export * from './stats';
export * from './tiers';
export * from './nps';
export * from './permissions';
export * from './schemas';
// the validated (zod output) type, not the wire model of the same shape
export type { ImportedSurveyResponse } from './schemas';
