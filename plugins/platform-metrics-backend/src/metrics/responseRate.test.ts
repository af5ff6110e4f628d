import { NO_ELIGIBLE, eligibleOf, responseRateOf } from './responseRate';

describe('responseRateOf', () => {
  it('divides the published respondents by the eligible developers', () => {
    expect(responseRateOf(71, 95)).toEqual({ respondents: 71, eligible: 95, rate: 71 / 95 });
  });

  it('is null when the figure is withheld or no one is eligible', () => {
    expect(responseRateOf(null, 95)).toBeNull();
    expect(responseRateOf(12, 0)).toBeNull();
  });

  it('is not capped when more answered than are eligible now', () => {
    expect(responseRateOf(12, 10)).toEqual({ respondents: 12, eligible: 10, rate: 1.2 });
  });
});

describe('eligibleOf', () => {
  const eligible = { org: 9, byGroup: new Map([['group:default/a', 5]]) };

  it('reads the org without a group and a group by ref', () => {
    expect(eligibleOf(eligible)).toBe(9);
    expect(eligibleOf(eligible, 'group:default/a')).toBe(5);
  });

  it('counts 0 for a group that is not eligible, and for everything before any sync', () => {
    expect(eligibleOf(eligible, 'group:default/b')).toBe(0);
    expect(eligibleOf(NO_ELIGIBLE)).toBe(0);
  });
});
