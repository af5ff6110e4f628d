import { ConfigReader } from '@backstage/config';
import { readSettings } from '../config';
import { parseDuration } from './targetConfig';
import { traitsOf } from './targetMetrics';

const read = (targets: unknown) => readSettings(new ConfigReader({ platformMetrics: { targets } } as object)).targets;
const END_OF = (day: string) => Date.parse(`${day}T00:00:00Z`) + 86_400_000;

describe('platformMetrics.targets', () => {
  it('is empty by default', () => {
    expect(readSettings(new ConfigReader({})).targets).toEqual([]);
  });

  it('reads each metric in its unit: NPS points, rates (or percentages), durations, deployments per week', () => {
    const targets = read([
      { metric: 'nps', scope: 'org', value: 40, by: '2026-12-31', label: 'Developers recommend the platform' },
      { metric: 'adoption', scope: 'org', value: '70%', by: '2027-03-31' },
      { metric: 'changeFailureRate', scope: 'Group:default/Checkout', value: 0.15, by: '2027-03-31' },
      { metric: 'timeToFirstDeploy', scope: 'org', value: '30 days', by: '2027-03-31' },
      { metric: 'leadTime', scope: 'checkout', value: '1d', by: '2027-06-30' },
      { metric: 'timeToRestore', scope: 'system:shop', value: 3600, by: '2027-06-30' },
      { metric: 'deploymentFrequency', scope: 'domain:commerce', value: '10', by: '2027-06-30' },
    ]);
    expect(targets).toEqual([
      { metric: 'nps', scope: 'org', value: 40, by: '2026-12-31', byAt: END_OF('2026-12-31'), label: 'Developers recommend the platform' },
      { metric: 'adoption', scope: 'org', value: 0.7, by: '2027-03-31', byAt: END_OF('2027-03-31') },
      // refs are normalised (kind defaults to group)
      { metric: 'changeFailureRate', scope: 'group:default/checkout', value: 0.15, by: '2027-03-31', byAt: END_OF('2027-03-31') },
      { metric: 'timeToFirstDeploy', scope: 'org', value: 30 * 86_400, by: '2027-03-31', byAt: END_OF('2027-03-31') },
      { metric: 'leadTime', scope: 'group:default/checkout', value: 86_400, by: '2027-06-30', byAt: END_OF('2027-06-30') },
      { metric: 'timeToRestore', scope: 'system:default/shop', value: 3600, by: '2027-06-30', byAt: END_OF('2027-06-30') },
      // a number given as a string (an environment variable) is that number
      { metric: 'deploymentFrequency', scope: 'domain:default/commerce', value: 10, by: '2027-06-30', byAt: END_OF('2027-06-30') },
    ]);
  });

  it('reads the platform KPIs in their units: a rate, developer-hours, an amount, durations down to minutes', () => {
    const targets = read([
      { metric: 'selfServiceRatio', scope: 'org', value: '80%', by: '2027-03-31' },
      { metric: 'platformIncidentImpact', scope: 'org', value: 200, by: '2027-03-31' },
      { metric: 'costPerService', scope: 'group:default/checkout', value: '1500', by: '2027-03-31' },
      { metric: 'onboardingTime', scope: 'org', value: '1d', by: '2027-03-31' },
      { metric: 'ciDuration', scope: 'checkout', value: '10m', by: '2027-03-31' },
    ]);
    expect(targets.map(t => [t.metric, t.scope, t.value])).toEqual([
      ['selfServiceRatio', 'org', 0.8],
      ['platformIncidentImpact', 'org', 200],
      ['costPerService', 'group:default/checkout', 1500],
      ['onboardingTime', 'org', 86_400],
      ['ciDuration', 'group:default/checkout', 600],
    ]);
  });

  it('parses durations in seconds, minutes, hours, days and weeks', () => {
    expect(parseDuration('1d')).toBe(86_400);
    expect(parseDuration('30 days')).toBe(30 * 86_400);
    expect(parseDuration('12h')).toBe(43_200);
    expect(parseDuration('1d 12h')).toBe(129_600);
    expect(parseDuration('90 minutes')).toBe(5400);
    expect(parseDuration('2 weeks')).toBe(14 * 86_400);
    expect(parseDuration('1.5h')).toBe(5400);
    expect(parseDuration('soon')).toBeUndefined();
    expect(parseDuration('3 fortnights')).toBeUndefined();
    expect(parseDuration('')).toBeUndefined();
  });

  it('takes each direction from the one table the comparisons use', () => {
    expect(traitsOf('nps')).toMatchObject({ direction: 'higher', unit: 'points' });
    expect(traitsOf('adoption')).toMatchObject({ direction: 'higher', unit: 'rate' });
    expect(traitsOf('deploymentFrequency')).toMatchObject({ direction: 'higher', unit: 'perWeek' });
    expect(traitsOf('leadTime')).toMatchObject({ direction: 'lower', unit: 'seconds' });
    expect(traitsOf('timeToRestore')).toMatchObject({ direction: 'lower', unit: 'seconds' });
    expect(traitsOf('timeToFirstDeploy')).toMatchObject({ direction: 'lower', unit: 'seconds' });
    expect(traitsOf('changeFailureRate')).toMatchObject({ direction: 'lower', unit: 'rate' });
  });

  it.each([
    [[{ metric: 'mttr', scope: 'org', value: 1, by: '2027-01-01' }], /targets\[0\]\.metric: expected one of nps, adoption, timeToFirstDeploy/],
    [[{ metric: 'nps', scope: 'org', value: 120, by: '2027-01-01' }], /targets\[0\]\.value: expected NPS points, a number from -100 to 100/],
    [[{ metric: 'adoption', scope: 'org', value: 70, by: '2027-01-01' }], /targets\[0\]\.value: expected a rate from 0 to 1, or a percentage/],
    [[{ metric: 'adoption', scope: 'org', value: '170%', by: '2027-01-01' }], /targets\[0\]\.value: expected a rate/],
    [[{ metric: 'leadTime', scope: 'org', value: 'a day', by: '2027-01-01' }], /targets\[0\]\.value: expected a duration/],
    [[{ metric: 'leadTime', scope: 'org', value: 0, by: '2027-01-01' }], /targets\[0\]\.value: expected a duration: a positive number/],
    [[{ metric: 'deploymentFrequency', scope: 'org', value: -1, by: '2027-01-01' }], /targets\[0\]\.value: expected deployments per week/],
    [[{ metric: 'nps', scope: 'component:default/payments', value: 40, by: '2027-01-01' }], /targets\[0\]\.scope: expected org or a Group, System or Domain entity ref/],
    [[{ metric: 'nps', scope: 'group:Not A Name', value: 40, by: '2027-01-01' }], /targets\[0\]\.scope: not a valid entity ref/],
    [[{ metric: 'nps', scope: 'org', value: 40, by: '2027-02-30' }], /targets\[0\]\.by: expected an ISO date such as 2026-12-31, got '2027-02-30'/],
    [[{ metric: 'nps', scope: 'org', value: 40, by: 'next year' }], /targets\[0\]\.by: expected an ISO date/],
    [[{ metric: 'nps', scope: 'org', value: 40 }], /targets\[0\]\.by: expected an ISO date/],
    [[{ metric: 'nps', scope: 'org', value: 40, by: '2027-01-01', label: ' ' }], /targets\[0\]\.label: must not be empty/],
    [[{ metric: 'nps', scope: 'org', value: 40, by: '2027-01-01', owner: 'me' }], /targets\[0\]: Unrecognized key/],
    [
      [{ metric: 'nps', scope: 'org', value: 40, by: '2027-01-01' }, { metric: 'nps', scope: 'org', value: true, by: '2027-01-01' }],
      /targets\[1\]\.value: expected a number or a string/,
    ],
    [{ metric: 'nps' }, /platformMetrics\.targets: expected a list of targets/],
    [[{ metric: 'ciDuration', scope: 'org', value: 'ten minutes', by: '2027-01-01' }], /targets\[0\]\.value: expected a duration/],
    [[{ metric: 'costPerService', scope: 'org', value: '1500 EUR', by: '2027-01-01' }], /targets\[0\]\.value: expected a monthly amount per service in platformMetrics\.costs\.currency/],
    [[{ metric: 'platformIncidentImpact', scope: 'org', value: -5, by: '2027-01-01' }], /targets\[0\]\.value: expected developer-hours lost in 90 days/],
    [[{ metric: 'selfServiceRatio', scope: 'org', value: 80, by: '2027-01-01' }], /targets\[0\]\.value: expected a rate from 0 to 1/],
    [
      [{ metric: 'nps', scope: 'org', value: 40, by: '2027-01-01' }, { metric: 'platformIncidentImpact', scope: 'group:default/checkout', value: 100, by: '2027-01-01' }],
      /targets\[1\]\.scope: platformIncidentImpact is measured for org, got 'group:default\/checkout'/,
    ],
    [[{ metric: 'ciDuration', scope: 'system:shop', value: '10m', by: '2027-01-01' }], /targets\[0\]\.scope: ciDuration is measured for org or a Group entity ref, got 'system:default\/shop'/],
  ])('refuses a bad target, naming its field: %j', (targets, message) => {
    expect(() => read(targets)).toThrow(/^Invalid configuration platformMetrics\.targets/);
    expect(() => read(targets)).toThrow(message);
  });
});
