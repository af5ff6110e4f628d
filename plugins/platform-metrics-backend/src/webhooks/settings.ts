import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { lower, normalizeEntityRef } from '../lib/refs';
import { ParseOptions } from './parse';

/** `platformMetrics.integrations`: the webhook receivers' secrets and mapping. */
export interface IntegrationSettings extends ParseOptions {
  github?: { webhookSecret: string };
  gitlab?: { webhookToken: string };
  /** Any of the secrets may sign (rotation). */
  pagerduty?: { webhookSecrets: string[] };
  argocd?: { token: string };
  /** Monorepos: the entity a GitHub deployment to an environment (lower-case) belongs to. */
  environmentEntities: Record<string, string>;
  /** Days deliveries and pushes are kept in the inbox. */
  retentionDays: number;
}

const KEY = 'platformMetrics.integrations';

function invalid(key: string, message: string): never {
  throw new InputError(`Invalid configuration ${KEY}.${key}: ${message}`);
}

function secret(c: Config | undefined, key: string): string | undefined {
  let v: string | undefined;
  try {
    v = c?.getOptionalString(key);
  } catch (e) {
    return invalid(key, (e as Error).message);
  }
  if (v !== undefined && v.trim() === '') invalid(key, 'must not be empty');
  return v;
}

/** Reads and validates `platformMetrics.integrations`; a receiver without its secret stays off (404). */
export function readIntegrationSettings(config: Config): IntegrationSettings {
  const c = config.getOptionalConfig(KEY);
  try {
    const githubSecret = secret(c, 'github.webhookSecret');
    const gitlabToken = secret(c, 'gitlab.webhookToken');
    const pagerdutySecrets = c?.getOptionalStringArray('pagerduty.webhookSecrets');
    if (pagerdutySecrets?.some(s => s.trim() === '')) invalid('pagerduty.webhookSecrets', 'must not contain empty values');
    const argocdToken = secret(c, 'argocd.token');
    const workflows = (c?.getOptionalConfigArray('github.deploymentWorkflows') ?? []).map(w => ({
      name: w.getString('name'),
      environment: lower(w.getOptionalString('environment') ?? 'production'),
    }));
    const environmentEntities: Record<string, string> = {};
    const map = c?.getOptionalConfig('github.environmentEntities');
    for (const env of map?.keys() ?? []) {
      try {
        environmentEntities[lower(env)] = normalizeEntityRef(map!.getString(env));
      } catch (e) {
        invalid(`github.environmentEntities.${env}`, (e as Error).message);
      }
    }
    const retentionDays = c?.getOptionalNumber('retentionDays') ?? 90;
    if (!Number.isInteger(retentionDays) || retentionDays < 1) {
      invalid('retentionDays', `expected a whole number from 1 up, got ${retentionDays}`);
    }
    return {
      retentionDays,
      ...(githubSecret && { github: { webhookSecret: githubSecret } }),
      ...(gitlabToken && { gitlab: { webhookToken: gitlabToken } }),
      ...(pagerdutySecrets?.length && { pagerduty: { webhookSecrets: pagerdutySecrets } }),
      ...(argocdToken && { argocd: { token: argocdToken } }),
      deploymentWorkflows: workflows,
      argocdEnvironment: lower(secret(c, 'argocd.environment') ?? 'production'),
      environmentEntities,
    };
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(`Invalid configuration ${KEY}: ${(e as Error).message}`);
  }
}
