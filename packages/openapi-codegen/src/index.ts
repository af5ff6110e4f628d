/**
 * OpenAPI code generation for Platform Metrics: the typed server router,
 * endpoint map, models and client that `@backstage/repo-tools package schema
 * openapi generate` writes, produced without openapi-generator's Java jar.
 *
 * @packageDocumentation
 */
export { main } from './cli';
export { clientFiles, drift, plan, serverFiles, write } from './generate';
export type { Drift, FileSet, GenerateOptions } from './generate';
export { ModelRegistry } from './models';
export type {
  Model,
  InterfaceModel,
  EnumModel,
  AliasModel,
  PropertyModel,
} from './models';
export { collectOperations } from './operations';
export { parseSpec, readSpec } from './spec';
