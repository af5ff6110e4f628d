import fc from 'fast-check';

/*
 * fast-check arbitraries of bad input: each value is invalid for the field
 * it is generated for (the fuzz tests assert 400, never 5xx, and that
 * nothing is written).
 */

const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();

/**
 * Not a string at all. Only values that JSON carries as they are: an
 * infinite double is sent as `null`, which is valid for a nullable field.
 */
export const notAString = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string({ maxLength: 3 }), { maxLength: 2 }),
  fc.dictionary(fc.string({ maxLength: 3 }), fc.string({ maxLength: 3 }), { maxKeys: 2 }),
);

/** A string with a NUL or an unpaired surrogate somewhere in it. */
export const illFormed = fc
  .tuple(
    fc.string({ maxLength: 6 }),
    fc.constantFrom('\u0000', '\uD800', '\uDBFF', '\uDC00', '\uDFFF', '\uDFFF\uD800'),
    fc.string({ maxLength: 6 }),
  )
  .map(([a, bad, b]) => `${a}${bad}${b}`);

/** A string that is longer than `max` characters as stored ('İ' lower-cases to two). */
export const tooLong = (max: number, opts: { lowerCased?: boolean } = {}) =>
  fc.oneof(
    fc.integer({ min: max + 1, max: max + 40 }).map(n => 'x'.repeat(n)),
    ...(opts.lowerCased ? [fc.integer({ min: Math.floor(max / 2) + 1, max: max }).map(n => '\u0130'.repeat(n))] : []),
  );

/** Bad for any string field: wrong type or ill-formed. */
export const badString = fc.oneof(notAString, illFormed);

/** Bad for a required, non-empty id of at most 255 characters. */
export const badId = fc.oneof(badString, tooLong(255), fc.constantFrom('', ' ', '\t\n '));

/** Bad for an entity ref. */
export const badRef = fc.oneof(
  badString,
  fc.constantFrom('', '   ', 'has space', 'a'.repeat(64), 'bad!name', 'component:default/', ':x', 'k:ns/na me', 'a/b/c/d'),
);

/** Bad for a timestamp: wrong type, malformed, before 2000-01-01, or more than a day from now. */
export const badTimestamp = (now: number) =>
  fc.oneof(
    badString,
    fc.constantFrom('2026-01-01', '2026-01-01T00:00:00', 'yesterday', '2026-13-01T00:00:00Z', '2026-01-01T25:00:00Z', '1e12', ''),
    fc.integer({ min: Date.parse('1900-01-01'), max: Date.parse('2000-01-01') - 1 }).map(iso),
    fc.integer({ min: now + DAY + 3_600_000, max: Date.parse('2200-01-01') }).map(iso),
  );

/** A key that the strict object with `known` keys does not name. */
export const unknownKey = (known: string[]) => fc.string({ minLength: 1, maxLength: 12 }).filter(k => !known.includes(k));

/** A string that is none of `allowed`. */
export const notOneOf = (allowed: string[]) =>
  fc.oneof(notAString, fc.string({ maxLength: 12 }).filter(s => !allowed.includes(s)));

export interface Mutation {
  /** The mutated record. */
  record: unknown;
  /** What was done, for the failure message. */
  what: string;
}

/**
 * A valid record with exactly one thing made invalid: a field set to a bad
 * value, a required field removed, or an unknown key added.
 */
export function mutate(
  valid: Record<string, unknown>,
  bad: Record<string, fc.Arbitrary<unknown>>,
  required: string[],
): fc.Arbitrary<Mutation> {
  const keys = Object.keys(bad);
  return fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...keys).chain(k => bad[k].map(v => ({ record: { ...valid, [k]: v }, what: `${k}=${JSON.stringify(v)}` }))) },
    { weight: 1, arbitrary: fc.constantFrom(...required).map(k => {
      const { [k]: _dropped, ...rest } = valid;
      return { record: rest, what: `without ${k}` };
    }) },
    { weight: 1, arbitrary: unknownKey(Object.keys(valid).concat(keys)).map(k => ({ record: { ...valid, [k]: 1 }, what: `unknown key ${JSON.stringify(k)}` })) },
  );
}

/** A batch body `{ [field]: [...valid, bad, ...valid] }` with the bad record at `index`. */
export function batchWithOneBad(field: string, valid: (i: number) => Record<string, unknown>, bad: fc.Arbitrary<Mutation>) {
  return fc.tuple(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 4 }), bad).map(([before, after, m]) => {
    const items: unknown[] = [];
    for (let i = 0; i < before; i++) items.push(valid(i));
    items.push(m.record);
    for (let i = 0; i < after; i++) items.push(valid(before + 1 + i));
    return { body: { [field]: items }, index: before, what: m.what };
  });
}

/** Bad batch bodies: not an object, without the array, an empty or too long array, an unknown key. */
export function badBatch(field: string, valid: (i: number) => Record<string, unknown>, maxBatch: number) {
  return fc.oneof(
    fc.constantFrom<unknown>([], [valid(0)], {}, { [field]: [] }, { [field]: null }, { [field]: valid(0) }, { [field]: 'x' }),
    fc.constant({ [field]: [valid(0)], extra: true }),
    fc.constant({ [field]: Array.from({ length: maxBatch + 1 }, (_, i) => valid(i)) }),
  ).map(body => ({ body, index: undefined as number | undefined, what: 'batch' }));
}
