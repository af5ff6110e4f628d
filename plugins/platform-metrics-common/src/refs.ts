import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';

/**
 * Normalises an entity ref the way metrics.md prescribes: kind defaults to
 * `component`, namespace to `default`, and the result is lower-cased, so
 * `payments` and `Component:default/Payments` are the same entity.
 * Throws a TypeError for a ref that cannot be parsed.
 *
 * @public
 */
export function normalizeEntityRef(
  ref: string,
  defaults: { defaultKind?: string } = {},
): string {
  const parsed = parseEntityRef(ref.trim(), {
    defaultKind: defaults.defaultKind ?? 'component',
    defaultNamespace: 'default',
  });
  return stringifyEntityRef(parsed).toLocaleLowerCase('en-US');
}
