import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { MAX_PULSE_QUESTION } from './pulseValidation';

/** `platformMetrics.pulses`, validated, with defaults. */
export interface PulseSettings {
  /** Ask the owner team's members after a new Component's first production deployment; off by default. */
  afterFirstProductionDeploy: { enabled: boolean; question: string; questionId: string };
}

export const DEFAULT_FIRST_DEPLOY_QUESTION = 'How easy was it to get this service to production?';
export const DEFAULT_FIRST_DEPLOY_QUESTION_ID = 'first-production-deploy';

const KEY = 'platformMetrics.pulses.afterFirstProductionDeploy';

function invalid(key: string, message: string): never {
  throw new InputError(`Invalid configuration ${KEY}${key ? `.${key}` : ''}: ${message}`);
}

function read<T>(key: string, get: () => T | undefined): T | undefined {
  try {
    return get();
  } catch (e) {
    return invalid(key, (e as Error).message);
  }
}

function text(config: Config | undefined, key: string, fallback: string, max: number): string {
  const v = read(key, () => config?.getOptionalString(key));
  if (v === undefined) return fallback;
  const trimmed = v.trim();
  if (trimmed === '') invalid(key, 'must not be empty');
  if (trimmed.length > max) invalid(key, `at most ${max} characters, got ${trimmed.length}`);
  return trimmed;
}

/** Reads `platformMetrics.pulses` (the plugin's config section), naming the key in every error. */
export function readPulseSettings(section: Config | undefined): PulseSettings {
  const c = read('', () => section?.getOptionalConfig('pulses.afterFirstProductionDeploy'));
  return {
    afterFirstProductionDeploy: {
      enabled: read('enabled', () => c?.getOptionalBoolean('enabled')) ?? false,
      question: text(c, 'question', DEFAULT_FIRST_DEPLOY_QUESTION, MAX_PULSE_QUESTION),
      questionId: text(c, 'questionId', DEFAULT_FIRST_DEPLOY_QUESTION_ID, 255),
    },
  };
}
