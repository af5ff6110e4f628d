import { ConfigReader } from '@backstage/config';
import { readSettings } from '../config';

const read = (platformMetrics: object) => readSettings(new ConfigReader({ platformMetrics }));

describe('platformMetrics.pulses', () => {
  it('is off by default, with the default question', () => {
    expect(read({}).pulses).toEqual({
      afterFirstProductionDeploy: {
        enabled: false,
        question: 'How easy was it to get this service to production?',
        questionId: 'first-production-deploy',
      },
    });
  });

  it('reads the first-deploy trigger, trimmed', () => {
    expect(
      read({ pulses: { afterFirstProductionDeploy: { enabled: true, question: ' Was it easy? ', questionId: 'ttfd-ease' } } }).pulses,
    ).toEqual({ afterFirstProductionDeploy: { enabled: true, question: 'Was it easy?', questionId: 'ttfd-ease' } });
  });

  it.each([
    [{ afterFirstProductionDeploy: { enabled: 7 } }, /pulses\.afterFirstProductionDeploy\.enabled/],
    [{ afterFirstProductionDeploy: { enabled: true, question: ' ' } }, /pulses\.afterFirstProductionDeploy\.question: must not be empty/],
    [{ afterFirstProductionDeploy: { question: 'x'.repeat(201) } }, /pulses\.afterFirstProductionDeploy\.question: at most 200 characters/],
    [{ afterFirstProductionDeploy: { questionId: 7 } }, /pulses\.afterFirstProductionDeploy\.questionId/],
    [{ afterFirstProductionDeploy: 'on' }, /Invalid configuration platformMetrics\.pulses\.afterFirstProductionDeploy/],
  ])('refuses %j at start-up, naming the key', (pulses, message) => {
    expect(() => read({ pulses })).toThrow(message);
  });
});
