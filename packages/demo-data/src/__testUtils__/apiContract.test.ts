import { contractViolation } from './apiContract';

describe('contractViolation', () => {
  const deployment = {
    id: 'd1',
    entityRef: 'payments',
    environment: 'production',
    status: 'succeeded',
    finishedAt: '2026-03-02T10:00:00Z',
  };

  it('accepts a body the spec describes', () => {
    expect(contractViolation('deployments', { deployments: [deployment] })).toBeUndefined();
  });

  it.each([
    ['a missing field', { deployments: [{ ...deployment, finishedAt: undefined }] }],
    ['an unknown field', { deployments: [{ ...deployment, colour: 'blue' }] }],
    ['a wrong enum value', { deployments: [{ ...deployment, status: 'done' }] }],
    ['a timestamp that is not one', { deployments: [{ ...deployment, finishedAt: 'yesterday' }] }],
  ])('names what breaks it: %s', (_name, body) => {
    expect(contractViolation('deployments', JSON.parse(JSON.stringify(body)))).toMatch(/deployments/);
  });
});
