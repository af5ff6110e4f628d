import { ModelRegistry } from './models';
import { camelCase, pascalCase } from './naming';
import {
  HTTP_METHODS,
  OpenApiDocument,
  OperationObject,
  ParameterObject,
  RequestBodyObject,
  ResponseObject,
  SchemaObject,
  deref,
} from './spec';

export interface ParamModel {
  /** The name on the wire. */
  baseName: string;
  /** The name in the generated request types. */
  paramName: string;
  type: string;
  required: boolean;
  description?: string;
  isArray: boolean;
  explode: boolean;
}

export interface OperationModel {
  operationId: string;
  /** The client method: `getOrgSummary`. */
  nickname: string;
  /** The request type: `GetOrgSummary`. */
  typeName: string;
  method: string;
  path: string;
  description?: string;
  summary?: string;
  pathParams: ParamModel[];
  queryParams: ParamModel[];
  headerParams: ParamModel[];
  body?: { paramName: string; type: string; description?: string };
  /** One type per documented response, in document order (`void` without a JSON body). */
  responses: string[];
  /** The type of the first 2xx response with a JSON body. */
  returnType?: string;
  /** Models the request types refer to (path, query, header and body). */
  requestImports: Set<string>;
  /** Models the response types refer to. */
  responseImports: Set<string>;
  /** Models the return type refers to. */
  returnImports: Set<string>;
}

function jsonSchema(
  content?: Record<string, { schema?: SchemaObject }>,
): SchemaObject | undefined {
  if (!content) return undefined;
  const key = Object.keys(content).find(
    k => k.split(';')[0].trim() === 'application/json',
  );
  return key ? content[key].schema : undefined;
}

/** Every operation of the document, sorted by operationId (as openapi-generator lists them). */
export function collectOperations(
  doc: OpenApiDocument,
  registry: ModelRegistry,
): OperationModel[] {
  const ops: OperationModel[] = [];
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    const shared = ((item.parameters ?? []) as ParameterObject[]).map(p =>
      deref(doc, p),
    );
    for (const method of HTTP_METHODS) {
      const op = item[method] as OperationObject | undefined;
      if (!op) continue;
      ops.push(operationModel(doc, registry, path, method, op, shared));
    }
  }
  return ops.sort((a, b) => (a.operationId < b.operationId ? -1 : 1));
}

function operationModel(
  doc: OpenApiDocument,
  registry: ModelRegistry,
  path: string,
  method: string,
  op: OperationObject,
  shared: ParameterObject[],
): OperationModel {
  const operationId = op.operationId!;
  const typeName = pascalCase(operationId);
  const requestImports = new Set<string>();
  const responseImports = new Set<string>();

  // operation parameters override path-level ones of the same name and place
  const params = new Map<string, ParameterObject>();
  for (const p of [
    ...shared,
    ...(op.parameters ?? []).map(x => deref(doc, x)),
  ]) {
    params.set(`${p.in}:${p.name}`, p);
  }
  const toParam = (p: ParameterObject): ParamModel => ({
    baseName: p.name,
    paramName: camelCase(p.name),
    type: registry.typeOf(p.schema ?? {}, requestImports),
    required: p.in === 'path' ? true : !!p.required,
    description: p.description,
    isArray: (p.schema?.type ?? '') === 'array',
    explode: p.explode ?? (p.style === undefined || p.style === 'form'),
  });
  const all = [...params.values()];
  const model: OperationModel = {
    operationId,
    nickname: camelCase(operationId),
    typeName,
    method,
    path,
    description: op.description,
    summary: op.summary,
    pathParams: all.filter(p => p.in === 'path').map(toParam),
    queryParams: all.filter(p => p.in === 'query').map(toParam),
    headerParams: all.filter(p => p.in === 'header').map(toParam),
    responses: [],
    requestImports,
    responseImports,
    returnImports: new Set(),
  };

  if (op.requestBody) {
    const body = deref<RequestBodyObject>(doc, op.requestBody);
    const schema = jsonSchema(body.content);
    if (schema) {
      const type = registry.typeOf(schema, requestImports, {
        hoistAs: `${typeName}Request`,
      });
      model.body = {
        paramName: /^[A-Za-z_$][\w$]*$/.test(type) ? camelCase(type) : 'body',
        type,
        description: body.description,
      };
    }
  }

  for (const [status, raw] of Object.entries(op.responses ?? {})) {
    const response = deref<ResponseObject>(doc, raw);
    const schema = jsonSchema(response.content);
    const code = status === 'default' ? 'Default' : status;
    const imports = new Set<string>();
    const type = schema
      ? registry.typeOf(schema, imports, {
          hoistAs: `${typeName}${code}Response`,
        })
      : 'void';
    model.responses.push(type);
    imports.forEach(i => responseImports.add(i));
    if (model.returnType === undefined && /^2\d\d$/.test(status) && schema) {
      model.returnType = type;
      model.returnImports = imports;
    }
  }
  return model;
}
