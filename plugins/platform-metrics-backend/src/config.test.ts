import { ConfigReader } from '@backstage/config';
import { DEVELOPMENT_PSEUDONYM_SECRET, readSettings } from './config';

const read = (platformMetrics: object) => readSettings(new ConfigReader({ platformMetrics }));

describe('readSettings', () => {
  it('applies the defaults of metrics.md', () => {
    const s = readSettings(new ConfigReader({}));
    expect(s).toMatchObject({
      benchmark: 'dora-2021',
      productionEnvironments: ['production', 'prod'],
      minSamples: 3,
      incidentAttribution: 'nearest-deployment',
      adoption: { eligibleTypes: ['service', 'website'] },
      survey: { cadence: 'quarterly', minGroupSize: 5, snoozeDays: 7 },
      rollups: { frequencySeconds: 60, summaryWindows: [30, 90, 180, 365], summaryMaxAgeMinutes: 10, batchSize: 50 },
    });
    expect(s.adoption.rules).toEqual([
      { annotation: 'backstage.io/source-template' },
      { annotation: 'platform-metrics.io/golden-path', value: 'true' },
    ]);
  });

  it('reads the baseline as whole UTC days, and refuses one that ends before it starts or is not a date', () => {
    expect(read({}).baseline).toBeUndefined();
    expect(read({ baseline: { from: '2025-10-01', to: '2025-12-31T12:00:00Z', label: 'Before the platform' } }).baseline).toEqual({
      from: Date.parse('2025-10-01T00:00:00Z'),
      to: Date.parse('2026-01-01T00:00:00Z'),
      label: 'Before the platform',
    });
    expect(read({ baseline: { from: '2025-10-01', to: '2025-11-01' } }).baseline?.label).toBe('Baseline');
    expect(() => read({ baseline: { from: '2025-10-01', to: '2025-09-01' } })).toThrow(/platformMetrics\.baseline\.to: must be after/);
    expect(() => read({ baseline: { from: 'last autumn', to: '2025-09-01' } })).toThrow(/platformMetrics\.baseline\.from: expected an ISO-8601 date/);
    expect(() => read({ baseline: { from: '2025-10-01' } })).toThrow(/platformMetrics\.baseline\.to/);
  });

  it('takes one currency for costs, USD by default, and refuses what is not an ISO 4217 code', () => {
    expect(read({}).costs).toEqual({ currency: 'USD' });
    expect(read({ costs: { currency: 'eur' } }).costs).toEqual({ currency: 'EUR' });
    expect(() => read({ costs: { currency: 'Euro' } })).toThrow(
      /Invalid configuration platformMetrics\.costs\.currency: expected an ISO 4217 currency code such as USD, got 'Euro'/,
    );
  });

  it('reads the allowed clock skew of ingested timestamps (default a day), naming the key when it is bad', () => {
    expect(read({}).ingest).toEqual({ maxFutureSkewMinutes: 1440 });
    expect(read({ ingest: { maxFutureSkewMinutes: 5 } }).ingest).toEqual({ maxFutureSkewMinutes: 5 });
    expect(() => read({ ingest: { maxFutureSkewMinutes: -1 } })).toThrow(/platformMetrics\.ingest\.maxFutureSkewMinutes/);
    expect(() => read({ ingest: { maxFutureSkewMinutes: 1.5 } })).toThrow(/platformMetrics\.ingest\.maxFutureSkewMinutes/);
  });

  it('lower-cases environment names and types, and never lets the group minimum fall below 3', () => {
    const s = read({ productionEnvironments: ['PROD', 'Live'], adoption: { eligibleTypes: ['Service'] }, survey: { minGroupSize: 2 } });
    expect(s.productionEnvironments).toEqual(['prod', 'live']);
    expect(s.adoption.eligibleTypes).toEqual(['service']);
    expect(s.survey.minGroupSize).toBe(3);
  });

  it('reads the anonymity settings: reporting group types, retention, and a development pseudonym key outside production', () => {
    const s = readSettings(new ConfigReader({}), 'development');
    expect(s.survey).toMatchObject({
      reportingGroupTypes: ['team'],
      eligibleGroups: [],
      retentionQuarters: 8,
      pseudonymSecret: DEVELOPMENT_PSEUDONYM_SECRET,
      developmentPseudonymSecret: true,
    });
    const custom = readSettings(
      new ConfigReader({ platformMetrics: { survey: { reportingGroupTypes: ['Team', 'squad'], pseudonymSecret: 's'.repeat(16), retentionQuarters: 4 } } }),
      'production',
    );
    expect(custom.survey).toMatchObject({
      reportingGroupTypes: ['team', 'squad'],
      retentionQuarters: 4,
      pseudonymSecret: 's'.repeat(16),
      developmentPseudonymSecret: false,
    });
  });

  it('reads the eligible groups of the response rate as normalised Group refs, each once', () => {
    const s = readSettings(
      new ConfigReader({ platformMetrics: { survey: { eligibleGroups: ['Mobile', 'group:default/mobile', 'group:ops/SRE'] } } }),
      'development',
    );
    expect(s.survey.eligibleGroups).toEqual(['group:default/mobile', 'group:ops/sre']);
  });

  it('refuses to run in production without a pseudonym secret, naming the setting', () => {
    expect(() => readSettings(new ConfigReader({}), 'production')).toThrow(
      /Invalid configuration platformMetrics\.survey\.pseudonymSecret: must be set when NODE_ENV is production/,
    );
    expect(() => read({ survey: { pseudonymSecret: 'short' } })).toThrow(/platformMetrics\.survey\.pseudonymSecret: must be at least 16 characters/);
  });

  it('reads the platform owners as normalised group refs (none by default) and the dependency depth (default 3, 1 to 10)', () => {
    expect(read({})).toMatchObject({ platformOwners: [], incidentImpact: { dependencyDepth: 3 } });
    const s = read({ platformOwners: ['Platform', 'group:default/platform', 'group:infra/SRE'], incidentImpact: { dependencyDepth: 10 } });
    expect(s.platformOwners).toEqual(['group:default/platform', 'group:infra/sre']);
    expect(s.incidentImpact).toEqual({ dependencyDepth: 10 });
    expect(() => read({ platformOwners: ['user:default/alice'] })).toThrow(
      /Invalid configuration platformMetrics\.platformOwners\[0\]: expected a Group ref such as group:default\/platform, got 'user:default\/alice'/,
    );
    expect(() => read({ platformOwners: ['platform', 'not a ref!'] })).toThrow(/platformMetrics\.platformOwners\[1\]: not a valid group ref/);
    expect(() => read({ platformOwners: 'platform' })).toThrow(/platformMetrics\.platformOwners/);
    for (const dependencyDepth of [0, 11, 1.5]) {
      expect(() => read({ incidentImpact: { dependencyDepth } })).toThrow(
        /platformMetrics\.incidentImpact\.dependencyDepth: expected a whole number from 1 to 10/,
      );
    }
  });

  it('takes a custom benchmark profile by name', () => {
    const bounds = { elite: 1, high: 2, medium: 3 };
    const custom = { deploymentFrequency: bounds, leadTime: bounds, changeFailureRate: bounds, timeToRestore: bounds };
    expect(read({ benchmark: 'ours', benchmarks: { ours: custom } }).profile).toEqual(custom);
  });

  it.each([
    ['an unknown benchmark', { benchmark: 'dora-1999' }, /platformMetrics\.benchmark: 'dora-1999' is neither built in/],
    ['a prototype member as benchmark', { benchmark: '__proto__' }, /platformMetrics\.benchmark: '__proto__'/],
    ['a prototype member as benchmark', { benchmark: 'toString' }, /platformMetrics\.benchmark: 'toString'/],
    ['a custom profile without bounds', { benchmark: 'x', benchmarks: { x: { leadTime: {} } } }, /platformMetrics\.benchmarks\.x\.deploymentFrequency\.elite/],
    ['a typo in incident attribution', { incidentAttribution: 'explicit' }, /platformMetrics\.incidentAttribution: 'explicit' is not one of nearest-deployment, explicit-only/],
    ['a typo in the survey cadence', { survey: { cadence: 'weekly' } }, /platformMetrics\.survey\.cadence: 'weekly'/],
    ['a fractional sample minimum', { minSamples: 2.5 }, /platformMetrics\.minSamples: expected a whole number from 1 up/],
    ['a zero sample minimum', { minSamples: 0 }, /platformMetrics\.minSamples/],
    ['no production environment', { productionEnvironments: [] }, /platformMetrics\.productionEnvironments: must list at least one value/],
    ['an empty environment name', { productionEnvironments: ['prod', ' '] }, /platformMetrics\.productionEnvironments: must not contain empty values/],
    ['no adoption rule', { adoption: { rules: [] } }, /platformMetrics\.adoption\.rules: must list at least one entry/],
    ['a rule without annotation', { adoption: { rules: [{ value: 'true' }] } }, /platformMetrics\.adoption\.rules\[0\]/],
    ['a summary window out of range', { rollups: { summaryWindows: [30, 1000] } }, /platformMetrics\.rollups\.summaryWindows: expected whole numbers from 1 to 730, got 1000/],
    ['no summary window', { rollups: { summaryWindows: [] } }, /platformMetrics\.rollups\.summaryWindows/],
    ['a batch size of 0', { rollups: { batchSize: 0 } }, /platformMetrics\.rollups\.batchSize/],
    ['a number as text where a number belongs', { rollups: { frequencySeconds: 'often' } }, /platformMetrics\.rollups\.frequencySeconds/],
    ['an empty survey question', { survey: { question: '' } }, /platformMetrics\.survey\.question/],
    ['a blank survey question', { survey: { question: '  ' } }, /platformMetrics\.survey\.question: must not be empty/],
    ['no reporting group type', { survey: { reportingGroupTypes: [] } }, /platformMetrics\.survey\.reportingGroupTypes: must list at least one value/],
    ['a retention of 0 quarters', { survey: { retentionQuarters: 0 } }, /platformMetrics\.survey\.retentionQuarters: expected a whole number from 1 to 100/],
    ['a User among the eligible groups', { survey: { eligibleGroups: ['user:default/ann'] } }, /platformMetrics\.survey\.eligibleGroups\[0\]: expected a Group ref/],
    ['eligible groups that are not a list', { survey: { eligibleGroups: 'mobile' } }, /platformMetrics\.survey\.eligibleGroups/],
    ['an empty pseudonym secret', { survey: { pseudonymSecret: ' ' } }, /platformMetrics\.survey\.pseudonymSecret: must not be empty/],
  ])('refuses %s, naming the key', (_name, config, message) => {
    expect(() => read(config)).toThrow(message);
  });
});
