/*
 * Names as openapi-generator's `typescript` generator (which
 * @backstage/repo-tools drives) gives them, so that the generated files keep
 * their names when generation moves back to repo-tools.
 */

/** JavaScript reserved words and names of TypeScript's own types: a model of that name gets a `Model` prefix. */
const RESERVED = new Set(
  [
    'abstract',
    'await',
    'boolean',
    'break',
    'byte',
    'case',
    'catch',
    'char',
    'class',
    'const',
    'continue',
    'debugger',
    'default',
    'delete',
    'do',
    'double',
    'else',
    'enum',
    'export',
    'extends',
    'false',
    'final',
    'finally',
    'float',
    'for',
    'formParams',
    'function',
    'goto',
    'headerParams',
    'if',
    'implements',
    'import',
    'in',
    'instanceof',
    'int',
    'interface',
    'let',
    'long',
    'native',
    'new',
    'null',
    'package',
    'private',
    'protected',
    'public',
    'queryParameters',
    'requestOptions',
    'return',
    'short',
    'static',
    'super',
    'switch',
    'synchronized',
    'this',
    'throw',
    'transient',
    'true',
    'try',
    'typeof',
    'useFormData',
    'var',
    'varLocalDeferred',
    'varLocalPath',
    'void',
    'volatile',
    'while',
    'with',
    'yield',
    // language-specific primitives
    'string',
    'String',
    'Boolean',
    'Double',
    'Integer',
    'Long',
    'Float',
    'Object',
    'Array',
    'ReadonlyArray',
    'Date',
    'number',
    'any',
    'File',
    'Error',
    'Map',
    'object',
    'Set',
  ].map(w => w.toLowerCase()),
);

/**
 * Component names that openapi-generator's type mapping turns into a
 * TypeScript type where they are referenced: a `$ref` to a schema named
 * `Error` is typed as the global `Error`, while its model file is
 * `ModelError`. Kept so that the endpoint types read as repo-tools writes them.
 */
export const TYPE_MAPPED_REFERENCES: Readonly<Record<string, string>> = {
  Error: 'Error',
};

/** Splits on anything but letters and digits, and before an upper-case letter that follows a lower-case one. */
function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
}

/** `insufficient-data` → `InsufficientData`, `getOrgSummary` → `GetOrgSummary`; capitals inside a word are kept. */
export function pascalCase(name: string): string {
  return words(name)
    .map(w => w.charAt(0).toUpperCase() + w.slice(1))
    .join('');
}

/** `GetOrgSummary` → `getOrgSummary` (the method names of the client). */
export function camelCase(name: string): string {
  const pascal = pascalCase(name);
  return pascal.charAt(0).toLowerCase() + pascal.slice(1);
}

/** The TypeScript name of a model for a schema name. */
export function modelName(name: string): string {
  let pascal = pascalCase(name);
  if (/^[0-9]/.test(pascal)) pascal = `Model${pascal}`;
  if (RESERVED.has(pascal.toLowerCase())) pascal = `Model${pascal}`;
  return pascal;
}

/** Makes `name` unique among `taken` the way openapi-generator does: `Name`, `Name1`, `Name2`, ... */
export function uniqueName(name: string, taken: ReadonlySet<string>): string {
  if (!taken.has(name)) return name;
  for (let i = 1; ; i++) {
    if (!taken.has(`${name}${i}`)) return `${name}${i}`;
  }
}

/** A property name as a TypeScript key: bare when it is an identifier, quoted otherwise. */
export function propertyKey(name: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name)
    ? name
    : `'${escapeString(name)}'`;
}

/** Escapes a string for a single-quoted TypeScript literal. */
export function escapeString(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/'/g, "\\'")
    .replace(/\r?\n/g, '\\n');
}

/** A literal type for an enum value. */
export function literal(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return `'${escapeString(value)}'`;
  if (typeof value === 'number' || typeof value === 'boolean')
    return String(value);
  throw new Error(`unsupported enum value ${JSON.stringify(value)}`);
}

/** A JSDoc block with the given lines, or nothing. */
export function docComment(
  lines: Array<string | undefined>,
  indent = '',
): string {
  const text = lines
    .filter((l): l is string => l !== undefined && l.trim() !== '')
    .flatMap(l => l.trim().split('\n'))
    .map(l => l.trimEnd().replace(/\*\//g, '*\\/'));
  if (text.length === 0) return '';
  return `${indent}/**\n${text
    .map(l => `${indent} * ${l}`.trimEnd())
    .join('\n')}\n${indent} */\n`;
}
