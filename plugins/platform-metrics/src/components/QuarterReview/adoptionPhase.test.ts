import { adoptionPhaseOf } from './adoptionPhase';

describe('adoptionPhaseOf', () => {
  it.each([
    [0, 'earlyAdopters'],
    [0.149, 'earlyAdopters'],
    [0.15, 'earlyMajority'],
    [0.499, 'earlyMajority'],
    [0.5, 'lateMajority'],
    [0.849, 'lateMajority'],
    [0.85, 'laggards'],
    [1, 'laggards'],
  ])('puts a rate of %p in %s (lower bounds inclusive)', (rate, phase) => {
    expect(adoptionPhaseOf(rate)?.phase).toBe(phase);
  });

  it('has no phase without a rate', () => {
    expect(adoptionPhaseOf(null)).toBeNull();
    expect(adoptionPhaseOf(undefined)).toBeNull();
    expect(adoptionPhaseOf(NaN)).toBeNull();
  });

  it('puts an out-of-range rate in the nearest band', () => {
    expect(adoptionPhaseOf(-0.1)?.phase).toBe('earlyAdopters');
    expect(adoptionPhaseOf(1.2)?.phase).toBe('laggards');
  });
});
