/**
 * Deterministic synthetic engineering organisation for the Platform Metrics
 * demo and benchmarks: the catalog (teams, users, systems, components) and
 * twelve months of deployments, incidents and developer-survey answers,
 * loaded through the public ingestion API.
 *
 * @packageDocumentation
 */
export * from './org';
export * from './catalogYaml';
export * from './events';
export * from './load';
export * from './pipelines';
export * from './requests';
export * from './costs';
export * from './pulses';
export * from './adoptionHistory';
export * from './annotations';
export * from './summary';
export * from './webhooks';
export { Random, hashString } from './random';
export { createProgressBar } from './progress';
export type { ProgressBar } from './progress';
