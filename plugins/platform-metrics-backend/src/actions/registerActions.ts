import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import {
  DEFAULT_WINDOW_DAYS,
  MAX_WINDOW_DAYS,
  MIN_WINDOW_DAYS,
  platformMetricsAnnotationsWritePermission,
  platformMetricsReadPermission,
} from '@platform-metrics/plugin-platform-metrics-common';
import { MetricsOperations } from './operations';

/*
 * The plugin's actions in Backstage's actions registry, which the MCP
 * actions backend (@backstage/plugin-mcp-actions-backend) offers to AI
 * assistants as tools. The registry prefixes the plugin id: the action
 * `get-scorecard` is `platform-metrics:get-scorecard`.
 *
 * The registry checks an input against the schemas below (types, for the
 * assistant to read); the operations then validate it with the HTTP API's
 * own schemas and check permissions and catalog visibility as the routes do.
 */

const WINDOW_DAYS = `Length of the window in whole days, ${MIN_WINDOW_DAYS} to ${MAX_WINDOW_DAYS} (default ${DEFAULT_WINDOW_DAYS}).`;
const TO =
  'End of the window: an ISO-8601 timestamp with a time zone, e.g. 2026-03-01T00:00:00Z, rounded up to a whole UTC day (default: now).';
const COMPARE =
  'Also answer `comparison`: each DORA metric against the configured baseline period (`baseline`) or the previous period of the same length (`previous`), with a two-sided significance test.';
const READ = platformMetricsReadPermission.name;
const WRITE = platformMetricsAnnotationsWritePermission.name;
const ANY_OBJECT = 'JSON object, as the Platform Metrics HTTP API answers it.';

// the outputs are spread into plain objects: the registry's passthrough output type wants an index signature

/** Registers the four actions; each one runs the operation of the same name with the caller's credentials. */
export function registerActions(actionsRegistry: ActionsRegistryService, operations: MetricsOperations): void {
  actionsRegistry.register({
    name: 'get-scorecard',
    title: 'Get Platform Metrics scorecard',
    description:
      `The platform metrics of one catalog entity over a window of days: the DORA metrics (deployment frequency, lead time for changes, change failure rate, time to restore) with their benchmark tiers, failed-deployment recovery time, golden-path adoption, time to first deploy, a weekly trend and the recent deployments and incidents. Needs the ${READ} permission; an entity the caller may not see in the catalog is not found.`,
    attributes: { readOnly: true, destructive: false, idempotent: true },
    schema: {
      input: z =>
        z.object({
          entityRef: z
            .string()
            .describe('Entity ref, e.g. component:default/payments; the kind defaults to component, the namespace to default.'),
          windowDays: z.number().int().min(MIN_WINDOW_DAYS).max(MAX_WINDOW_DAYS).optional().describe(WINDOW_DAYS),
          to: z.string().optional().describe(TO),
          compare: z.enum(['baseline', 'previous']).optional().describe(COMPARE),
        }),
      output: z => z.object({}).passthrough().describe(`The entity scorecard: ${ANY_OBJECT}`),
    },
    action: async ({ input, credentials }) => ({ output: { ...(await operations.getScorecard(credentials, input)) } }),
  });

  actionsRegistry.register({
    name: 'get-summary',
    title: 'Get Platform Metrics summary',
    description:
      `The platform metrics of the whole organisation, or of one team (group), system or domain, over a window of days: DORA metrics with benchmark tiers, golden-path adoption, time to first deploy, the published developer NPS (withheld below k responses, for anonymity), a weekly trend and one row per team. Give at most one of group, system and domain. Needs the ${READ} permission; a scope the caller may not see is not found, and teams and systems hidden from the caller are left out.`,
    attributes: { readOnly: true, destructive: false, idempotent: true },
    schema: {
      input: z =>
        z.object({
          windowDays: z.number().int().min(MIN_WINDOW_DAYS).max(MAX_WINDOW_DAYS).optional().describe(WINDOW_DAYS),
          to: z.string().optional().describe(TO),
          group: z.string().optional().describe('A team: group ref, e.g. group:default/team-a (kind defaults to group).'),
          system: z.string().optional().describe('A system ref, e.g. system:default/payments (kind defaults to system).'),
          domain: z.string().optional().describe('A domain ref, e.g. domain:default/commerce (kind defaults to domain).'),
          compare: z.enum(['baseline', 'previous']).optional().describe(COMPARE),
          split: z
            .enum(['adoption'])
            .optional()
            .describe(
              'Also answer `split`: the entities by golden-path status (adopted, not adopted, exception), each cohort with its DORA metrics. Correlation, not causation.',
            ),
        }),
      output: z => z.object({}).passthrough().describe(`The summary: ${ANY_OBJECT}`),
    },
    action: async ({ input, credentials }) => ({ output: { ...(await operations.getSummary(credentials, input)) } }),
  });

  actionsRegistry.register({
    name: 'list-annotations',
    title: 'List Platform Metrics annotations',
    description:
      `The platform-change annotations (launches, migrations, incidents of note) with \`at\` in [from, to): for an entity its own, its owner group's and the organisation's; for a group its own and the organisation's; for \`org\` the organisation's; without a scope all of them. At most 500. Needs the ${READ} permission; annotations of groups and entities the caller may not see are left out.`,
    attributes: { readOnly: true, destructive: false, idempotent: true },
    schema: {
      input: z =>
        z.object({
          scope: z.string().optional().describe('`org`, or an entity ref (a group ref for a team; the kind defaults to component).'),
          from: z.string().optional().describe('Earliest `at` (inclusive): an ISO-8601 timestamp with a time zone.'),
          to: z.string().optional().describe('Latest `at` (exclusive): an ISO-8601 timestamp with a time zone.'),
        }),
      output: z =>
        z.object({ annotations: z.array(z.object({}).passthrough()).describe(`The annotations, by \`at\`: ${ANY_OBJECT}`) }),
    },
    action: async ({ input, credentials }) => {
      const { annotations } = await operations.listAnnotations(credentials, input);
      return { output: { annotations: annotations.map(a => ({ ...a })) } };
    },
  });

  actionsRegistry.register({
    name: 'create-annotation',
    title: 'Create a Platform Metrics annotation',
    description:
      `Marks a platform change (a launch, a migration, a policy change) on the metric charts, for the organisation, a team or one entity; its before/after impact can then be read in Backstage. With the \`id\` of an existing annotation, replaces that annotation. Needs the ${WRITE} permission.`,
    // replacing the annotation of a given id overwrites it
    attributes: { readOnly: false, destructive: true, idempotent: false },
    schema: {
      input: z =>
        z.object({
          id: z
            .string()
            .optional()
            .describe('1 to 255 letters, digits or ._:- ; an existing id replaces that annotation (default: a new id).'),
          at: z.string().describe('When the change happened: an ISO-8601 timestamp with a time zone.'),
          title: z.string().describe('Short title, at most 200 characters.'),
          description: z.string().optional().describe('At most 4000 characters.'),
          url: z.string().optional().describe('An http(s) link to the change, e.g. release notes.'),
          scope: z.string().describe('`org`, or an entity ref (a group ref for a team; the kind defaults to component).'),
          tags: z.array(z.string()).optional().describe('Up to 20 tags of at most 50 characters, lower-cased (default none).'),
        }),
      output: z =>
        z.object({
          annotation: z.object({}).passthrough().describe(`The stored annotation: ${ANY_OBJECT}`),
          created: z.boolean().describe('false when it replaced the annotation of the same id.'),
        }),
    },
    action: async ({ input, credentials }) => {
      const { annotation, created } = await operations.createAnnotation(credentials, input);
      return { output: { annotation: { ...annotation }, created } };
    },
  });
}
