/**
 * `@platform-metrics/cli`: the `platform-metrics` command, which sends
 * deployments, incidents and imported history to the platform-metrics
 * backend from any CI system.
 *
 * @packageDocumentation
 */
export { main } from './cli';
export type { CliIo } from './options';
