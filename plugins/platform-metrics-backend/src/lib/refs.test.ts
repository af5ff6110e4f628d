import { normalizeEntityRef } from './refs';

describe('normalizeEntityRef', () => {
  it.each([
    ['payments', 'component:default/payments'],
    ['Component:default/Payments', 'component:default/payments'],
    ['  API:Team-X/Orders ', 'api:team-x/orders'],
  ])('%p -> %p', (input, expected) => {
    expect(normalizeEntityRef(input)).toBe(expected);
  });

  it('uses the given default kind', () => {
    expect(normalizeEntityRef('Alice', { defaultKind: 'user' })).toBe('user:default/alice');
  });

  it.each(['', 'component:default/', 'a:b:c/d/e', 'x y'])('rejects %p', ref => {
    expect(() => normalizeEntityRef(ref)).toThrow();
  });
});
