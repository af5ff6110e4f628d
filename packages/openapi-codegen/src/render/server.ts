import { OperationModel, ParamModel } from '../operations';
import { docComment, propertyKey } from '../naming';
import { OpenApiDocument } from '../spec';
import { HEADER } from './header';
import { modelImports } from './models';

/** The members of a request type: `path`, `body`, `query` and `header`, as `api-all.mustache` orders them. */
export function requestMembers(op: OperationModel): string {
  const group = (key: string, params: ParamModel[]) =>
    params.length === 0
      ? ''
      : `  ${key}: {\n${params
          .map(
            p =>
              `    ${propertyKey(p.paramName)}${p.required ? '' : '?'}: ${
                p.type
              };\n`,
          )
          .join('')}  };\n`;
  return (
    group('path', op.pathParams) +
    (op.body ? `  body: ${op.body.type};\n` : '') +
    group('query', op.queryParams) +
    group('header', op.headerParams)
  );
}

/** The method part of an endpoint key; `delete` is escaped as openapi-generator escapes it. */
export function endpointMethod(method: string): string {
  return method === 'delete' ? '_delete' : method;
}

/** `apis/Api.server.ts`: one type per operation and the `EndpointMap` the typed router is built on. */
export function renderServerApi(ops: OperationModel[]): string {
  const imports = new Set<string>();
  for (const op of ops) {
    op.requestImports.forEach(i => imports.add(i));
    op.responseImports.forEach(i => imports.add(i));
  }
  let out = `${HEADER}${modelImports(imports)}\n`;
  for (const op of ops) {
    out += docComment(['@public']);
    out += `export type ${op.typeName} = {\n${requestMembers(op)}  response: ${
      op.responses.join(' | ') || 'void'
    };\n};\n`;
  }
  out += `\nexport type EndpointMap = {\n${ops
    .map(
      op => `  '#${endpointMethod(op.method)}|${op.path}': ${op.typeName};\n`,
    )
    .join('\n')}};\n`;
  return out;
}

/** `router.ts`: the spec as a constant and the typed router factory (as repo-tools writes it). */
export function renderRouter(doc: OpenApiDocument): string {
  return `${HEADER}import { createValidatedOpenApiRouterFromGeneratedEndpointMap } from '@backstage/backend-openapi-utils';
import { EndpointMap } from './apis';

export const spec = ${JSON.stringify(doc, null, 2)} as const;
export const createOpenApiRouter = async (
  options?: Parameters<typeof createValidatedOpenApiRouterFromGeneratedEndpointMap>['1'],
) => createValidatedOpenApiRouterFromGeneratedEndpointMap<EndpointMap>(spec, options);
`;
}

export const SERVER_APIS_INDEX = `${HEADER}\nexport * from './Api.server';\n`;
export const SERVER_INDEX = `${HEADER}\nexport * from './apis';\nexport * from './router';\n`;
export const GENERATED_REEXPORT = `${HEADER}\nexport * from './generated';\n`;
