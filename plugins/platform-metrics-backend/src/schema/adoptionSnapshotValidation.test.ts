import fc from 'fast-check';
import {
  compile,
  componentSchema,
  describeErrors,
} from '../__testUtils__/openapi';
import { adoptionSnapshotSchemas } from './adoptionSnapshotValidation';
import { parseInput } from './validation';

/*
 * The body of `POST /adoption-snapshots`: zod (the router's validation, for
 * its messages) and the spec's AdoptionSnapshotBatch (for clients and the
 * generated types) accept and reject the same bodies, but for the rules JSON
 * Schema cannot state (below).
 */

const TODAY = '2026-12-03';
const { adoptionSnapshotBatchSchema } = adoptionSnapshotSchemas(() => TODAY);
const spec = compile(componentSchema('AdoptionSnapshotBatch'));

function verdicts(body: unknown) {
  const parsed = adoptionSnapshotBatchSchema.safeParse(body);
  const specOk = spec(body) as boolean;
  return {
    zod: parsed.success,
    spec: specOk,
    why: parsed.success
      ? describeErrors(spec.errors).join('; ')
      : parsed.error.issues.map(i => i.message).join('; '),
  };
}

const item = (over: Record<string, unknown> = {}) => ({
  scope: 'org',
  day: '2026-03-02',
  adopted: 3,
  eligible: 10,
  exceptions: 1,
  ...over,
});
const batch = (...items: unknown[]) => ({ snapshots: items });
const without = (o: Record<string, unknown>, key: string) =>
  Object.fromEntries(Object.entries(o).filter(([k]) => k !== key));

describe('POST /adoption-snapshots: zod and the OpenAPI spec agree', () => {
  it.each<[string, unknown, boolean]>([
    ['the org', batch(item()), true],
    [
      'a group, a system and a domain',
      batch(
        item({ scope: 'group:default/team-a' }),
        item({ scope: 'system:shop' }),
        item({ scope: 'domain:default/commerce' }),
      ),
      true,
    ],
    [
      'a ref in capitals with spaces around',
      batch(item({ scope: ' Group:Default/Team-A ' })),
      true,
    ],
    [
      'zero everywhere',
      batch(item({ adopted: 0, eligible: 0, exceptions: 0 })),
      true,
    ],
    [
      'adopted + exceptions = eligible',
      batch(item({ adopted: 9, exceptions: 1 })),
      true,
    ],
    ['the first day', batch(item({ day: '2000-01-01' })), true],
    ['today', batch(item({ day: TODAY })), true],
    ['1000 items', batch(...Array.from({ length: 1000 }, () => item())), true],
    ['no items', batch(), false],
    ['1001 items', batch(...Array.from({ length: 1001 }, () => item())), false],
    ['no scope', batch(without(item(), 'scope')), false],
    ['no day', batch(without(item(), 'day')), false],
    ['no exceptions', batch(without(item(), 'exceptions')), false],
    [
      'a component',
      batch(item({ scope: 'component:default/payments' })),
      false,
    ],
    ['a user', batch(item({ scope: 'user:default/alice' })), false],
    ['a ref without kind', batch(item({ scope: 'default/team-a' })), false],
    ['a bare name', batch(item({ scope: 'team-a' })), false],
    ['ORG in capitals', batch(item({ scope: 'ORG' })), false],
    ['a negative count', batch(item({ adopted: -1 })), false],
    ['a fraction', batch(item({ eligible: 10.5 })), false],
    ['a count as a string', batch(item({ eligible: '10' })), false],
    ['a count over the limit', batch(item({ eligible: 1_000_000_001 })), false],
    [
      'a timestamp for a day',
      batch(item({ day: '2026-03-02T00:00:00Z' })),
      false,
    ],
    ['a month 13', batch(item({ day: '2026-13-01' })), false],
    ['an unknown field', batch(item({ rate: 0.3 })), false],
    ['no snapshots field', { snapshot: [item()] }, false],
  ])('%s', (_name, body, valid) => {
    const v = verdicts(body);
    expect({ zod: v.zod, spec: v.spec }).toEqual({ zod: valid, spec: valid });
  });

  it.each<[string, Record<string, unknown>, string]>([
    [
      'adopted + exceptions over eligible',
      { adopted: 8, exceptions: 3 },
      'must be at least adopted + exceptions (8 + 3)',
    ],
    [
      'a day after today',
      { day: '2026-12-04' },
      'must be between 2000-01-01 and 2026-12-03 (today, UTC)',
    ],
    [
      'a day before 2000',
      { day: '1999-12-31' },
      'must be between 2000-01-01 and 2026-12-03 (today, UTC)',
    ],
    [
      'a day that does not exist',
      { day: '2026-02-30' },
      '2026-02-30 is not a day of the calendar',
    ],
  ])(
    'known difference: %s (zod only; JSON Schema cannot state it)',
    (_name, over, why) => {
      expect(verdicts(batch(item(over)))).toEqual({
        zod: false,
        spec: true,
        why,
      });
    },
  );

  it('agrees on scopes', () => {
    const scope = fc.oneof(
      fc
        .tuple(
          fc.constantFrom(
            'group:',
            'System:',
            'DOMAIN:',
            'component:',
            'user:',
            '',
            'grou:',
            'org:',
          ),
          fc.option(fc.constantFrom('default/', 'Platform/', 'a_b/', '/')),
          fc.stringMatching(/^[A-Za-z0-9._-]{0,65}$/),
        )
        .map(([kind, ns, name]) => `${kind}${ns ?? ''}${name}`),
      fc.constantFrom('org', ' org ', 'org\t', 'Org', 'orgs', 'org/x', ''),
      fc.string({
        unit: fc.constantFrom('g', 'r', 'o', 'u', 'p', ':', '/', '-', ' ', 'a'),
        maxLength: 14,
      }),
    );
    fc.assert(
      fc.property(scope, s => {
        const v = verdicts(batch(item({ scope: s })));
        expect({ s, spec: v.spec }).toEqual({ s, spec: v.zod });
      }),
      { numRuns: 3000 },
    );
  });

  it('normalises the scope and gives its type from the kind', () => {
    const parsed = adoptionSnapshotBatchSchema.parse(
      batch(
        item({ scope: ' org ' }),
        item({ scope: 'Group:team-A' }),
        item({ scope: 'system:default/Shop' }),
        item({ scope: 'domain:Commerce' }),
      ),
    );
    expect(parsed.snapshots.map(s => [s.scopeType, s.scopeRef])).toEqual([
      ['org', 'org'],
      ['group', 'group:default/team-a'],
      ['system', 'system:default/shop'],
      ['domain', 'domain:default/commerce'],
    ]);
    expect(parsed.snapshots[0]).toEqual({
      scopeType: 'org',
      scopeRef: 'org',
      day: '2026-03-02',
      adopted: 3,
      eligible: 10,
      exceptions: 1,
    });
  });

  it('names the item and the field of each problem', () => {
    const bad = batch(
      item(),
      item({ scope: 'component:default/payments' }),
      item(),
      item({ day: '2027-01-01', adopted: 20 }),
    );
    expect(() => parseInput(adoptionSnapshotBatchSchema, bad)).toThrow(
      'Invalid request: snapshots[1].scope: expected org or the entity ref of a group, system or domain, with its kind (e.g. group:default/payments-team); ' +
        'snapshots[3].day: must be between 2000-01-01 and 2026-12-03 (today, UTC); snapshots[3].eligible: must be at least adopted + exceptions (20 + 1)',
    );
  });
});
