/**
 * The request schemas of single ingested records, extracted from the
 * backend's OpenAPI spec (`plugins/platform-metrics-backend/src/schema/openapi.yaml`)
 * into `recordSchemas.json`, which the CLI ships: the CLI validates file
 * lines against the published contract without depending on the backend
 * package at run time. `schemas.test.ts` fails when the copy is stale;
 * `yarn workspace @platform-metrics/cli schema:generate` rewrites it.
 */

/** The spec's schema of one record of each import kind. */
export const RECORD_SCHEMA_NAMES = {
  deployments: 'Deployment',
  incidents: 'Incident',
  'survey-responses': 'ImportedSurveyResponse',
  'adoption-snapshots': 'ImportedAdoptionSnapshot',
} as const;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const REF_PREFIX = '#/components/schemas/';
/** Documentation only: left out of the copy. */
const DROPPED_KEYS = new Set(['description', 'example']);

function strip(value: Json, refs: Set<string>): Json {
  if (Array.isArray(value)) return value.map(v => strip(v, refs));
  if (value === null || typeof value !== 'object') return value;
  const out: { [key: string]: Json } = {};
  for (const key of Object.keys(value).sort()) {
    if (DROPPED_KEYS.has(key)) continue;
    const v = value[key];
    if (key === '$ref' && typeof v === 'string' && v.startsWith(REF_PREFIX)) {
      refs.add(v.slice(REF_PREFIX.length));
    }
    // `properties` maps field names, which may be called `description`
    out[key] =
      key === 'properties' && v && typeof v === 'object' && !Array.isArray(v)
        ? Object.fromEntries(
            Object.keys(v)
              .sort()
              .map(k => [k, strip((v as Record<string, Json>)[k], refs)]),
          )
        : strip(v, refs);
  }
  return out;
}

/**
 * The record schemas and every schema they reference, as one JSON document
 * whose `$ref`s (`#/components/schemas/...`) resolve inside it.
 */
export function extractRecordSchemas(spec: {
  components: { schemas: Record<string, Json> };
}): Json {
  const schemas: Record<string, Json> = {};
  const queue: string[] = Object.values(RECORD_SCHEMA_NAMES);
  while (queue.length) {
    const name = queue.shift()!;
    if (name in schemas) continue;
    const schema = spec.components.schemas[name];
    if (schema === undefined) {
      throw new Error(`the spec has no schema ${name}`);
    }
    const refs = new Set<string>();
    schemas[name] = strip(schema, refs);
    queue.push(...refs);
  }
  const sorted = Object.fromEntries(
    Object.keys(schemas)
      .sort()
      .map(k => [k, schemas[k]]),
  );
  return {
    $comment:
      'Generated from plugins/platform-metrics-backend/src/schema/openapi.yaml by `yarn workspace @platform-metrics/cli schema:generate`; do not edit.',
    components: { schemas: sorted },
  };
}
