/**
 * The demo's platform-change annotations, posted by the seeder through
 * `POST /annotations` (idempotent on `id`: seeding again replaces them).
 * The seeder's static token is an external-access service principal; the
 * demo's allow-all policy grants it `platform-metrics.annotations.write`.
 */
import type { Org } from './org';
import { DEFAULT_BASE_URL, DEFAULT_TOKEN, resolveBaseUrl } from './load';

const DAY = 24 * 60 * 60 * 1000;

/** Days after the platform launch on which the golden path v2 templates were released. */
export const GOLDEN_PATH_V2_DAYS_AFTER_LAUNCH = 120;

export interface DemoAnnotation {
  id: string;
  at: string;
  title: string;
  description: string;
  scope: string;
  tags: string[];
}

/** The platform launch and the golden path v2 release, both org-wide. */
export function demoAnnotations(org: Pick<Org, 'launchDate'>): DemoAnnotation[] {
  const launch = Date.parse(org.launchDate);
  return [
    {
      id: 'demo-platform-launch',
      at: new Date(launch).toISOString(),
      title: 'Internal developer platform launch',
      description: 'Golden-path templates, self-service environments and the deployment pipeline become available to every team.',
      scope: 'org',
      tags: ['launch', 'platform'],
    },
    {
      id: 'demo-golden-path-v2',
      at: new Date(launch + GOLDEN_PATH_V2_DAYS_AFTER_LAUNCH * DAY).toISOString(),
      title: 'Golden path v2',
      description: 'Second generation of the service templates: built-in CI caching, progressive rollouts and on-call runbooks.',
      scope: 'org',
      tags: ['golden-path', 'release'],
    },
  ];
}

/** Posts the annotations, one request each; throws on the first answer that is not 2xx. */
export async function loadAnnotations(opts: {
  annotations: DemoAnnotation[];
  baseUrl?: string;
  token?: string;
  fetch?: typeof fetch;
}): Promise<{ created: number; updated: number }> {
  const baseUrl = resolveBaseUrl(opts.baseUrl ?? DEFAULT_BASE_URL);
  const doFetch = opts.fetch ?? fetch;
  const counts = { created: 0, updated: 0 };
  for (const annotation of opts.annotations) {
    const res = await doFetch(`${baseUrl}/annotations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${opts.token ?? DEFAULT_TOKEN}` },
      body: JSON.stringify(annotation),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`POST annotations answered ${res.status}: ${text}`);
    if (res.status === 201) counts.created++;
    else counts.updated++;
  }
  return counts;
}
