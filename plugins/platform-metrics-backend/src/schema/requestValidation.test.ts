import fc from 'fast-check';
import { compile, componentSchema, describeErrors } from '../__testUtils__/openapi';
import { requestBatchSchema } from './requestValidation';

/*
 * The body of `POST /requests`: zod (the router's validation, for its
 * messages) and the spec's SelfServiceRequestBatch (for clients and the
 * generated types) accept and reject the same bodies.
 */

const spec = compile(componentSchema('SelfServiceRequestBatch'));

function verdicts(body: unknown) {
  const parsed = requestBatchSchema.safeParse(body);
  const specOk = spec(body) as boolean;
  return {
    zod: parsed.success,
    spec: specOk,
    why: parsed.success ? describeErrors(spec.errors).join('; ') : parsed.error.issues.map(i => i.message).join('; '),
  };
}

const item = (over: Record<string, unknown> = {}) => ({
  id: 'REQ-1',
  kind: 'new-service',
  openedAt: '2026-03-02T10:00:00Z',
  fulfilment: 'self-service',
  ...over,
});
const batch = (...items: unknown[]) => ({ requests: items });
const without = (o: Record<string, unknown>, key: string) => Object.fromEntries(Object.entries(o).filter(([k]) => k !== key));

describe('POST /requests: zod and the OpenAPI spec agree', () => {
  it.each<[string, unknown, boolean]>([
    ['the required fields only', batch(item()), true],
    ['every field', batch(item({ source: 'portal', entityRef: 'payments', requestedBy: 'alice', closedAt: '2026-03-02T11:00:00Z', fulfilment: 'ticket' })), true],
    ['closedAt null (open)', batch(item({ closedAt: null })), true],
    ['a kind in capitals with spaces around', batch(item({ kind: ' Database ' })), true],
    ['a kind of 63 characters', batch(item({ kind: 'k'.repeat(63) })), true],
    ['1000 items', batch(...Array.from({ length: 1000 }, (_, i) => item({ id: `r${i}` }))), true],
    ['no items', batch(), false],
    ['1001 items', batch(...Array.from({ length: 1001 }, (_, i) => item({ id: `r${i}` }))), false],
    ['no kind', batch(without(item(), 'kind')), false],
    ['no fulfilment', batch(without(item(), 'fulfilment')), false],
    ['an unknown fulfilment', batch(item({ fulfilment: 'email' })), false],
    ['a kind of 64 characters', batch(item({ kind: 'k'.repeat(64) })), false],
    ['a kind with a space inside', batch(item({ kind: 'new service' })), false],
    ['a kind starting with a hyphen', batch(item({ kind: '-db' })), false],
    ['an unparseable requestedBy', batch(item({ requestedBy: 'a:b:c/d/e' })), false],
    ['a date without a time', batch(item({ openedAt: '2026-03-02' })), false],
    ['an unknown field', batch(item({ priority: 'high' })), false],
  ])('%s', (_name, body, valid) => {
    const v = verdicts(body);
    expect({ zod: v.zod, spec: v.spec }).toEqual({ zod: valid, spec: valid });
  });

  it('agrees on kinds', () => {
    const kind = fc.string({ unit: fc.constantFrom('a', 'Z', '7', '-', '_', '.', ' ', '/', 'é'), maxLength: 66 });
    fc.assert(
      fc.property(kind, k => {
        const v = verdicts(batch(item({ kind: k })));
        expect({ k, spec: v.spec }).toEqual({ k, spec: v.zod });
      }),
      { numRuns: 2000 },
    );
  });

  it('known difference: closedAt before openedAt (zod only; JSON Schema cannot compare fields)', () => {
    expect(verdicts(batch(item({ closedAt: '2026-03-02T09:00:00Z' })))).toEqual({ zod: false, spec: true, why: 'closedAt is before openedAt' });
  });

  it('lower-cases and trims the kind and normalises the refs and timestamps', () => {
    const parsed = requestBatchSchema.parse(
      batch(item({ kind: ' Database ', entityRef: 'Payments', requestedBy: 'Alice', closedAt: '2026-03-02T12:00:00+01:00' })),
    );
    expect(parsed.requests[0]).toEqual({
      id: 'REQ-1',
      source: 'api',
      kind: 'database',
      entityRef: 'component:default/payments',
      requestedBy: 'user:default/alice',
      openedAt: '2026-03-02T10:00:00.000Z',
      closedAt: '2026-03-02T11:00:00.000Z',
      fulfilment: 'self-service',
    });
  });
});
