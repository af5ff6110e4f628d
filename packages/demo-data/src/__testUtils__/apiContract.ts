/**
 * The ingestion API's request bodies as the backend's OpenAPI spec describes
 * them: the demo loader's payloads are checked against the published
 * contract, not against the backend's internals.
 */
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse } from 'yaml';

type Body = 'deployments' | 'pipeline-runs' | 'requests' | 'costs' | 'adoption-snapshots' | 'incidents' | 'survey-responses' | 'annotations' | 'pulses';

const specPath = join(
  dirname(require.resolve('@platform-metrics/plugin-platform-metrics-backend/package.json')),
  'src/schema/openapi.yaml',
);

let validators: Map<Body, (body: unknown) => string | undefined> | undefined;

function load() {
  const spec = parse(readFileSync(specPath, 'utf8'));
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  ajv.addSchema({ components: spec.components }, 'spec');
  const map = new Map<Body, (body: unknown) => string | undefined>();
  for (const path of ['deployments', 'pipeline-runs', 'requests', 'costs', 'adoption-snapshots', 'incidents', 'survey-responses', 'annotations', 'pulses'] as const) {
    const schema = spec.paths[`/${path}`].post.requestBody.content['application/json'].schema;
    const validate = ajv.compile(JSON.parse(JSON.stringify(schema).replace(/"#\/components/g, '"spec#/components')));
    map.set(path, body => (validate(body) ? undefined : ajv.errorsText(validate.errors)));
  }
  return map;
}

/** Why a request body breaks the spec of `POST /<path>`, or undefined when it conforms. */
export function contractViolation(path: Body, body: unknown): string | undefined {
  validators ??= load();
  return validators.get(path)!(body);
}
