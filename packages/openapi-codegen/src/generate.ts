import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { formatTypeScript } from './format';
import { ModelRegistry } from './models';
import { collectOperations } from './operations';
import {
  CLIENT_APIS_INDEX,
  CLIENT_INDEX,
  DISCOVERY_TYPES,
  FETCH_TYPES,
  renderClientApi,
  renderPluginId,
} from './render/client';
import { renderModel, renderModelIndex } from './render/models';
import {
  GENERATED_REEXPORT,
  SERVER_APIS_INDEX,
  SERVER_INDEX,
  renderRouter,
  renderServerApi,
} from './render/server';
import { OpenApiDocument, readSpec } from './spec';

/** Where repo-tools reads the spec and writes its output, relative to a package. */
export const SPEC_PATH = 'src/schema/openapi.yaml';
export const SCHEMA_DIR = 'src/schema/openapi';
export const GENERATED_DIR = `${SCHEMA_DIR}/generated`;

/** Files (path relative to `src/schema/openapi/`) and their unformatted content. */
export type FileSet = Record<string, string>;

function modelFiles(registry: ModelRegistry): FileSet {
  const files: FileSet = {};
  const models = registry.sortedModels();
  for (const m of models)
    files[`generated/models/${m.name}.model.ts`] = renderModel(m);
  files['generated/models/index.ts'] = renderModelIndex(models);
  return files;
}

/** What `package schema openapi generate --server` writes into the backend package. */
export function serverFiles(doc: OpenApiDocument): FileSet {
  const registry = new ModelRegistry(doc);
  const ops = collectOperations(doc, registry);
  return {
    ...modelFiles(registry),
    'generated/apis/Api.server.ts': renderServerApi(ops),
    'generated/apis/index.ts': SERVER_APIS_INDEX,
    'generated/router.ts': renderRouter(doc),
    'generated/index.ts': SERVER_INDEX,
    'index.ts': GENERATED_REEXPORT,
  };
}

/** What `--client-package <dir>` writes into the client package. */
export function clientFiles(doc: OpenApiDocument): FileSet {
  const registry = new ModelRegistry(doc);
  const ops = collectOperations(doc, registry);
  return {
    ...modelFiles(registry),
    'generated/apis/Api.client.ts': renderClientApi(ops),
    'generated/apis/index.ts': CLIENT_APIS_INDEX,
    'generated/pluginId.ts': renderPluginId(doc.info.title),
    'generated/types/discovery.ts': DISCOVERY_TYPES,
    'generated/types/fetch.ts': FETCH_TYPES,
    'generated/index.ts': CLIENT_INDEX,
    'index.ts': GENERATED_REEXPORT,
  };
}

export interface GenerateOptions {
  /** The repository root; the other paths are relative to it. */
  rootDir: string;
  /** The package holding `src/schema/openapi.yaml`. */
  packageDir: string;
  /** Generate the server router and types into that package. */
  server: boolean;
  /** Generate the models and client into this package. */
  clientPackage?: string;
}

/** Every file to write, by absolute path, formatted. */
export function plan(options: GenerateOptions): Map<string, string> {
  const root = resolve(options.rootDir);
  const doc = readSpec(join(root, options.packageDir, SPEC_PATH));
  const files = new Map<string, string>();
  const add = (pkg: string, set: FileSet) => {
    for (const [path, content] of Object.entries(set)) {
      const abs = join(root, pkg, SCHEMA_DIR, path);
      files.set(abs, formatTypeScript(content, abs));
    }
  };
  if (options.server) add(options.packageDir, serverFiles(doc));
  if (options.clientPackage) add(options.clientPackage, clientFiles(doc));
  if (files.size === 0)
    throw new Error(
      'nothing to generate: pass --server and/or --client-package',
    );
  return files;
}

/** The generated directories the plan writes into (their other files are stale). */
function generatedDirs(options: GenerateOptions): string[] {
  const root = resolve(options.rootDir);
  return [
    ...(options.server ? [options.packageDir] : []),
    ...(options.clientPackage ? [options.clientPackage] : []),
  ].map(pkg => join(root, pkg, GENERATED_DIR));
}

function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap(e =>
    e.isDirectory() ? listFiles(join(dir, e.name)) : [join(dir, e.name)],
  );
}

export interface Drift {
  missing: string[];
  changed: string[];
  extra: string[];
}

/** How the files on disk differ from the plan (paths relative to the root). */
export function drift(options: GenerateOptions, files = plan(options)): Drift {
  const rel = (p: string) => relative(resolve(options.rootDir), p);
  const result: Drift = { missing: [], changed: [], extra: [] };
  for (const [path, content] of files) {
    if (!existsSync(path)) result.missing.push(rel(path));
    else if (readFileSync(path, 'utf8') !== content)
      result.changed.push(rel(path));
  }
  for (const dir of generatedDirs(options)) {
    for (const path of listFiles(dir))
      if (!files.has(path)) result.extra.push(rel(path));
  }
  for (const list of Object.values(result)) list.sort();
  return result;
}

/** Writes the plan, removes stale files from the generated directories; returns what changed. */
export function write(options: GenerateOptions): Drift {
  const files = plan(options);
  const changes = drift(options, files);
  for (const path of [...changes.missing, ...changes.changed]) {
    const abs = resolve(options.rootDir, path);
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, files.get(abs)!);
  }
  for (const path of changes.extra) rmSync(resolve(options.rootDir, path));
  return changes;
}
