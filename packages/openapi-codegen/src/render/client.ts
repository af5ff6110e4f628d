import { OperationModel } from '../operations';
import { docComment, escapeString } from '../naming';
import { HEADER } from './header';
import { modelImports } from './models';
import { requestMembers } from './server';

/** The URI template of an operation: its path and, RFC 6570 style, its query (`{?windowDays,to}`). */
function uriTemplate(op: OperationModel): string {
  if (op.queryParams.length === 0) return op.path;
  const names = op.queryParams.map(
    p => `${p.baseName}${p.isArray && p.explode ? '*' : ''}`,
  );
  return `${op.path}{?${names.join(',')}}`;
}

function method(op: OperationModel): string {
  const params = [...op.pathParams, ...op.queryParams, ...op.headerParams];
  const paramDocs = [
    ...params.filter(p => p.required),
    ...params.filter(p => !p.required),
  ].map(p => `@param ${p.paramName} - ${p.description ?? ''}`);
  if (op.body)
    paramDocs.push(
      `@param ${op.body.paramName} - ${op.body.description ?? ''}`,
    );
  const expand = [
    ...op.pathParams.map(
      p => `      ${p.baseName}: request.path.${p.paramName},\n`,
    ),
    ...(op.queryParams.length > 0 ? ['      ...request.query,\n'] : []),
  ].join('');
  return `
${docComment([op.description, op.summary, ...paramDocs], '  ')}  public async ${
    op.nickname
  }(
    // @ts-ignore
    request: ${op.typeName},
    options?: RequestOptions,
  ): Promise<TypedResponse<${op.returnType ?? 'void'}>> {
    const baseUrl = await this.discoveryApi.getBaseUrl(pluginId);

    const uriTemplate = \`${uriTemplate(op)}\`;

    const uri = parser.parse(uriTemplate).expand({
${expand}    });

    return await this.fetchApi.fetch(\`\${baseUrl}\${uri}\`, {
      headers: {
${
  op.headerParams.length > 0 ? '        ...request.header,\n' : ''
}        'Content-Type': 'application/json',
        ...(options?.token && { Authorization: \`Bearer \${options?.token}\` }),
      },
      method: '${op.method.toUpperCase()}',
${op.body ? '      body: JSON.stringify(request.body),\n' : ''}    });
  }
`;
}

/** `apis/Api.client.ts`: the request types and `DefaultApiClient`, one method per operation. */
export function renderClientApi(ops: OperationModel[]): string {
  const imports = new Set<string>();
  for (const op of ops) {
    op.requestImports.forEach(i => imports.add(i));
    op.returnImports.forEach(i => imports.add(i));
  }
  const requestTypes = ops
    .map(
      op =>
        `${docComment(['@public'])}export type ${
          op.typeName
        } = {\n${requestMembers(op)}};\n`,
    )
    .join('');
  return `${HEADER}import { DiscoveryApi } from '../types/discovery';
import { FetchApi } from '../types/fetch';
import crossFetch from 'cross-fetch';
import { pluginId } from '../pluginId';
import * as parser from 'uri-template';
${modelImports(imports)}
/**
 * Wraps the Response type to convey a type on the json call.
 *
 * @public
 */
export type TypedResponse<T> = Omit<Response, 'json'> & {
  json: () => Promise<T>;
};

/**
 * Options you can pass into a request for additional information.
 *
 * @public
 */
export interface RequestOptions {
  token?: string;
}
${requestTypes}
/**
 * @public
 */
export class DefaultApiClient {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: {
    discoveryApi: { getBaseUrl(pluginId: string): Promise<string> };
    fetchApi?: { fetch: typeof fetch };
  }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi || { fetch: crossFetch };
  }
${ops.map(method).join('')}}
`;
}

export const CLIENT_APIS_INDEX = `${HEADER}\nexport * from './Api.client';\n`;
export const CLIENT_INDEX = `${HEADER}\nexport * from './apis';\nexport * from './models';\n`;

export function renderPluginId(title: string): string {
  return `${HEADER}\nexport const pluginId = '${escapeString(title)}';\n`;
}

export const DISCOVERY_TYPES = `${HEADER}
/**
 * This is a copy of the DiscoveryApi, to avoid importing core-plugin-api.
 */
export type DiscoveryApi = {
  getBaseUrl(pluginId: string): Promise<string>;
};
`;

export const FETCH_TYPES = `${HEADER}
/**
 * This is a copy of FetchApi, to avoid importing core-plugin-api.
 */
export type FetchApi = {
  fetch: typeof fetch;
};
`;
