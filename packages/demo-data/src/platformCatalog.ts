/**
 * The platform team's infrastructure in the demo catalog, and who depends on
 * it (`spec.dependsOn`): what the platform incident impact (docs/metrics.md
 * §14) walks to find the developers an incident kept from their work.
 *
 * - Every product component builds on the CI runner pool; the pool runs on
 *   the runner controller and pulls from the artifact cache and registry.
 * - Product services and websites run on the production cluster, except
 *   the documented golden-path exceptions (legacy systems on their own VMs).
 * - The payments and identity services take their credentials from the
 *   secrets broker.
 * - Nothing depends on the developer portal, the deploy orchestrator or the
 *   observability gateway: an incident there costs no developer-hours by
 *   the catalog.
 */
import type { ComponentDef, ResourceDef } from './org';

/** The demo's platform team (a Group), owner of the platform's components and resources. */
export const PLATFORM_TEAM = 'platform';

/** The platform's Resources by role. */
export const PLATFORM_RESOURCES = {
  cluster: 'production-cluster',
  ciRunners: 'ci-runner-pool',
  registry: 'artifact-registry',
} as const;

const resource = (name: string) => `resource:default/${name}`;
const component = (name: string) => `component:default/${name}`;

/** The platform's Resources, in the developer-platform system. */
export const DEMO_RESOURCES: ResourceDef[] = [
  {
    name: PLATFORM_RESOURCES.cluster,
    description: 'The production Kubernetes cluster the services and websites run on.',
    type: 'kubernetes-cluster',
    owner: PLATFORM_TEAM,
    system: 'developer-platform',
  },
  {
    name: PLATFORM_RESOURCES.ciRunners,
    description: 'The autoscaled build runners every pipeline runs on.',
    type: 'ci-runners',
    owner: PLATFORM_TEAM,
    system: 'developer-platform',
    dependsOn: [component('ci-runner-controller'), component('artifact-cache'), resource(PLATFORM_RESOURCES.registry)],
  },
  {
    name: PLATFORM_RESOURCES.registry,
    description: 'Container images and packages: every build pulls from it and pushes to it.',
    type: 'artifact-registry',
    owner: PLATFORM_TEAM,
    system: 'developer-platform',
  },
];

/** What the platform's own components depend on. */
const PLATFORM_DEPENDENCIES: Record<string, string[]> = {
  'ci-runner-controller': [resource(PLATFORM_RESOURCES.cluster)],
  'deploy-orchestrator': [resource(PLATFORM_RESOURCES.cluster), resource(PLATFORM_RESOURCES.registry)],
  'secrets-broker': [resource(PLATFORM_RESOURCES.cluster)],
  'observability-gateway': [resource(PLATFORM_RESOURCES.cluster)],
  'developer-portal': [resource(PLATFORM_RESOURCES.cluster)],
};

/** Teams whose services take their credentials from the secrets broker. */
const SECRETS_TEAMS = new Set(['payments', 'identity']);

/** The `spec.dependsOn` of a demo component (entity refs), sorted; empty for none. */
export function dependenciesOf(c: Pick<ComponentDef, 'name' | 'owner' | 'type' | 'exception'>): string[] {
  if (c.owner === PLATFORM_TEAM) return [...(PLATFORM_DEPENDENCIES[c.name] ?? [])].sort();
  const refs = [resource(PLATFORM_RESOURCES.ciRunners)];
  if (c.type !== 'library' && !c.exception) refs.push(resource(PLATFORM_RESOURCES.cluster));
  if (c.type === 'service' && SECRETS_TEAMS.has(c.owner)) refs.push(component('secrets-broker'));
  return refs.sort();
}
