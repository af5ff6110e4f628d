import Ajv2019, { ErrorObject, ValidateFunction } from 'ajv/dist/2019';
import { spec } from '../schema/openapi';

/*
 * JSON Schema validation against the OpenAPI spec, for tests: the schemas of
 * the spec with their `$ref`s resolved, compiled with ajv.
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const doc = JSON.parse(JSON.stringify(spec)) as JsonObject;

function pointer(ref: string): Json {
  let node: Json = doc;
  for (const key of ref.replace(/^#\//, '').split('/')) {
    node = (node as JsonObject)[key];
    if (node === undefined) throw new Error(`unresolved ${ref}`);
  }
  return node;
}

/** A copy of `node` with every local `$ref` replaced by what it points at (the spec has no cycles). */
export function resolveRefs(node: Json, seen: string[] = []): Json {
  if (Array.isArray(node)) return node.map(n => resolveRefs(n, seen));
  if (!node || typeof node !== 'object') return node;
  if (typeof node.$ref === 'string') {
    if (seen.includes(node.$ref)) throw new Error(`circular ${node.$ref}`);
    return resolveRefs(pointer(node.$ref), [...seen, node.$ref]);
  }
  return Object.fromEntries(
    Object.entries(node).map(([k, v]) => [k, resolveRefs(v, seen)]),
  );
}

/**
 * Closes every object schema that does not say whether it allows more
 * properties (`unevaluatedProperties: false`), so that a response field the
 * spec does not name fails validation. The spec itself leaves responses open,
 * since the API may add fields; the tests hold the backend to what it
 * documents. The parts of an `allOf` are closed together, not one by one.
 */
export function closeObjects(schema: Json, inAllOf = false): Json {
  if (!schema || typeof schema !== 'object' || Array.isArray(schema))
    return schema;
  const out: JsonObject = { ...schema };
  if (schema.properties && typeof schema.properties === 'object') {
    out.properties = Object.fromEntries(
      Object.entries(schema.properties).map(([k, v]) => [k, closeObjects(v)]),
    );
  }
  for (const key of ['items', 'additionalProperties', 'not']) {
    if (key in schema) out[key] = closeObjects(schema[key]);
  }
  for (const key of ['oneOf', 'anyOf']) {
    const parts = schema[key];
    if (Array.isArray(parts)) out[key] = parts.map(p => closeObjects(p));
  }
  if (Array.isArray(schema.allOf))
    out.allOf = schema.allOf.map(p => closeObjects(p, true));
  const isObject = 'properties' in schema || 'allOf' in schema;
  if (isObject && !inAllOf && !('additionalProperties' in schema)) {
    out.unevaluatedProperties = false;
  }
  return out;
}

const ajv = new Ajv2019({ allErrors: true, strict: true, strictTypes: false });
ajv.addVocabulary(['example']);

/** Compiles an OpenAPI schema (with its references resolved) for validation. */
export function compile(schema: Json): ValidateFunction {
  return ajv.compile(resolveRefs(schema) as object);
}

/** The schema of the named component. */
export function componentSchema(name: string): Json {
  const schemas = (doc.components as JsonObject).schemas as JsonObject;
  if (!(name in schemas)) throw new Error(`no component schema ${name}`);
  return schemas[name];
}

/** `deployments/3/finishedAt must match pattern ...` for each error. */
export function describeErrors(
  errors: ErrorObject[] | null | undefined,
): string[] {
  return (errors ?? []).map(e => {
    const at = e.instancePath || '(root)';
    // name the property an unknown-property error is about
    const property =
      e.params.unevaluatedProperty ?? e.params.additionalProperty;
    return property === undefined
      ? `${at} ${e.message}`
      : `${at} ${e.message} (${String(property)})`;
  });
}

interface Operation {
  method: string;
  path: string;
  matcher: RegExp;
  responses: Record<string, { content?: Record<string, { schema: Json }> }>;
}

const operations: Operation[] = Object.entries(doc.paths as JsonObject).flatMap(
  ([path, item]) =>
    Object.entries(item as JsonObject).map(([method, op]) => ({
      method: method.toUpperCase(),
      path,
      matcher: new RegExp(
        `^${path
          .replace(/[.*+?^$()|[\]\\]/g, '\\$&')
          .replace(/\{[^}]+\}/g, '[^/]+')}$`,
      ),
      responses: resolveRefs(
        (op as JsonObject).responses,
      ) as Operation['responses'],
    })),
);

const validators = new Map<string, ValidateFunction>();

/** Where the backend mounts the plugin's router. */
export const BASE_PATH = '/api/platform-metrics';

/**
 * The ways a response differs from what the spec documents for its
 * operation and status; empty when it conforms.
 */
export function responseErrors(response: {
  method: string;
  /** Path, with or without the plugin's base path and the query. */
  url: string;
  status: number;
  contentType?: string;
  text: string;
}): string[] {
  let path = new URL(response.url, 'http://localhost').pathname;
  if (path.startsWith(BASE_PATH)) path = path.slice(BASE_PATH.length) || '/';
  const method = response.method.toUpperCase();
  const op = operations.find(o => o.method === method && o.matcher.test(path));
  if (!op) return [`${method} ${path} is not an operation of the spec`];
  const status = String(response.status);
  const documented = op.responses[status] ?? op.responses.default;
  const where = `${method} ${op.path} ${status}`;
  if (!documented) return [`${where}: status ${status} is not documented`];
  const content = documented.content?.['application/json'];
  if (!content) {
    return response.text
      ? [`${where}: a body where the spec documents none`]
      : [];
  }
  if (!/^application\/json\b/.test(response.contentType ?? '')) {
    return [
      `${where}: content type ${response.contentType} instead of application/json`,
    ];
  }
  const key = `${method} ${op.path} ${status}`;
  let validate = validators.get(key);
  if (!validate) {
    validate = ajv.compile(closeObjects(content.schema) as object);
    validators.set(key, validate);
  }
  let body: unknown;
  try {
    body = JSON.parse(response.text);
  } catch {
    return [`${where}: the body is not JSON`];
  }
  return validate(body)
    ? []
    : describeErrors(validate.errors).map(e => `${where}: ${e}`);
}
