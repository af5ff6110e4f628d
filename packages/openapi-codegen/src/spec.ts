import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

/**
 * The parts of an OpenAPI 3.0 / 3.1 document the generator reads. Anything
 * else in the document is carried through to the router's `spec` untouched.
 */
export interface SchemaObject {
  $ref?: string;
  type?: string | string[];
  format?: string;
  description?: string;
  nullable?: boolean;
  enum?: unknown[];
  properties?: Record<string, SchemaObject>;
  required?: string[];
  additionalProperties?: boolean | SchemaObject;
  items?: SchemaObject;
  allOf?: SchemaObject[];
  oneOf?: SchemaObject[];
  anyOf?: SchemaObject[];
  [key: string]: unknown;
}

export interface ParameterObject {
  $ref?: string;
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  description?: string;
  schema?: SchemaObject;
  style?: string;
  explode?: boolean;
}

export interface MediaTypeObject {
  schema?: SchemaObject;
}

export interface RequestBodyObject {
  $ref?: string;
  description?: string;
  required?: boolean;
  content?: Record<string, MediaTypeObject>;
}

export interface ResponseObject {
  $ref?: string;
  description?: string;
  content?: Record<string, MediaTypeObject>;
}

export interface OperationObject {
  operationId?: string;
  summary?: string;
  description?: string;
  tags?: string[];
  parameters?: ParameterObject[];
  requestBody?: RequestBodyObject;
  responses?: Record<string, ResponseObject>;
}

export interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string; [key: string]: unknown };
  paths: Record<string, Record<string, unknown>>;
  components?: {
    schemas?: Record<string, SchemaObject>;
    parameters?: Record<string, ParameterObject>;
    requestBodies?: Record<string, RequestBodyObject>;
    responses?: Record<string, ResponseObject>;
    [key: string]: unknown;
  };
  [key: string]: unknown;
}

export const HTTP_METHODS = [
  'get',
  'put',
  'post',
  'delete',
  'options',
  'head',
  'patch',
  'trace',
] as const;

/** Parses an OpenAPI document from YAML (or JSON) text and checks what the generator relies on. */
export function parseSpec(text: string, where = 'the spec'): OpenApiDocument {
  const doc = parse(text, { maxAliasCount: -1 }) as OpenApiDocument;
  if (!doc || typeof doc !== 'object') {
    throw new Error(`${where} is not an OpenAPI document`);
  }
  if (!/^3\.[01]\.\d+$/.test(String(doc.openapi ?? ''))) {
    throw new Error(
      `${where}: unsupported OpenAPI version ${JSON.stringify(
        doc.openapi,
      )}; 3.0.x and 3.1.x are supported`,
    );
  }
  if (!doc.info?.title) {
    throw new Error(
      `${where}: info.title is missing (it names the plugin id of the client)`,
    );
  }
  const ids = new Set<string>();
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const method of HTTP_METHODS) {
      const op = item[method] as OperationObject | undefined;
      if (!op) continue;
      if (!op.operationId) {
        throw new Error(
          `${where}: ${method.toUpperCase()} ${path} has no operationId`,
        );
      }
      if (ids.has(op.operationId)) {
        throw new Error(
          `${where}: operationId ${op.operationId} is used twice`,
        );
      }
      ids.add(op.operationId);
    }
  }
  checkRefs(doc, doc, where);
  return doc;
}

export function readSpec(path: string): OpenApiDocument {
  return parseSpec(readFileSync(path, 'utf8'), path);
}

/** Every local `$ref` must point at something. */
function checkRefs(doc: OpenApiDocument, node: unknown, where: string) {
  if (Array.isArray(node)) {
    for (const n of node) checkRefs(doc, n, where);
  } else if (node && typeof node === 'object') {
    const ref = (node as { $ref?: unknown }).$ref;
    if (typeof ref === 'string') resolvePointer(doc, ref, where);
    for (const v of Object.values(node)) checkRefs(doc, v, where);
  }
}

/** The value a local JSON pointer (`#/components/schemas/Tier`) names. */
export function resolvePointer(
  doc: OpenApiDocument,
  ref: string,
  where = 'the spec',
): unknown {
  if (!ref.startsWith('#/')) {
    throw new Error(
      `${where}: only local references are supported, got ${ref}`,
    );
  }
  let node: unknown = doc;
  for (const raw of ref.slice(2).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (!node || typeof node !== 'object' || !(key in (node as object))) {
      throw new Error(`${where}: unresolved reference ${ref}`);
    }
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/** Follows `$ref`s of parameters, request bodies and responses to their definition. */
export function deref<T extends { $ref?: string }>(
  doc: OpenApiDocument,
  value: T,
): T {
  let current = value;
  const seen = new Set<string>();
  while (current.$ref) {
    if (seen.has(current.$ref))
      throw new Error(`circular reference ${current.$ref}`);
    seen.add(current.$ref);
    current = resolvePointer(doc, current.$ref) as T;
  }
  return current;
}

/** The component name a schema `$ref` points at (`#/components/schemas/Tier` → `Tier`). */
export function schemaRefName(ref: string): string {
  const prefix = '#/components/schemas/';
  if (!ref.startsWith(prefix)) {
    throw new Error(
      `schema reference ${ref} does not point into #/components/schemas`,
    );
  }
  return ref.slice(prefix.length).replace(/~1/g, '/').replace(/~0/g, '~');
}
