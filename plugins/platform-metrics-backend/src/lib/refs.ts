import { makeValidator, parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';

const validator = makeValidator();

/** Lower-cases a name the way every ref, environment and type is compared (locale-independent). */
export const lower = (s: string) => s.toLocaleLowerCase('en-US');

/**
 * Normalises an entity ref the way metrics.md prescribes: kind defaults to
 * `component`, namespace to `default`, and the result is lower-cased, so
 * `payments` and `Component:default/Payments` are the same entity.
 * Throws a TypeError for a ref that cannot be parsed or whose kind,
 * namespace or name the catalog would not accept.
 */
export function normalizeEntityRef(ref: string, defaults: { defaultKind?: string } = {}): string {
  const { kind, namespace, name } = parseEntityRef(ref.trim(), {
    defaultKind: defaults.defaultKind ?? 'component',
    defaultNamespace: 'default',
  });
  const parsed = { kind: lower(kind), namespace: lower(namespace), name: lower(name) };
  if (!validator.isValidKind(parsed.kind)) {
    throw new TypeError(`invalid kind '${parsed.kind}'`);
  }
  if (!validator.isValidNamespace(parsed.namespace)) {
    throw new TypeError(`invalid namespace '${parsed.namespace}'`);
  }
  if (!validator.isValidEntityName(parsed.name)) {
    throw new TypeError(`invalid name '${parsed.name}'`);
  }
  return stringifyEntityRef(parsed);
}

/** True when a normalised ref is of the given (lower-case) kind. */
export const isKind = (ref: string, kind: string) => lower(ref).startsWith(`${kind}:`);
