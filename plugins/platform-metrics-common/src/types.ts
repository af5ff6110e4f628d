/**
 * The response and record types of the platform-metrics HTTP API (see
 * design/api.md) are generated from the backend's OpenAPI spec
 * (`plugins/platform-metrics-backend/src/schema/openapi.yaml`) into
 * `./schema/openapi/generated/models`; this module keeps their old import
 * path inside the package. Durations are seconds, rates are fractions in
 * [0, 1], timestamps ISO-8601 UTC strings; a value with no samples is `null`.
 */
export * from './schema/openapi/generated/models';
