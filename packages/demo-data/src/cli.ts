/* eslint-disable no-console */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { demoAnnotations, loadAnnotations } from './annotations';
import { renderCatalogYaml } from './catalogYaml';
import { eventsOf, planEvents, ScaleOptions, SCALES } from './events';
import {
  DEFAULT_BASE_URL,
  DEFAULT_TOKEN,
  loadableFromPlan,
  loadViaApi,
  RecordKind,
  resolveBaseUrl,
  waitForBackend,
  waitForCatalogSync,
} from './load';
import { generateOrg } from './org';
import { createProgressBar, ProgressBar } from './progress';
import {
  DEMO_GITHUB_WEBHOOK_SECRET,
  DEMO_PAGERDUTY_WEBHOOK_SECRET,
  planWebhookDay,
  replayWebhooks,
} from './webhooks';
import { npsBySurvey, summarizeByTeam } from './summary';

/** Directory of the demo catalog files, `examples/` at the repository root. */
export const EXAMPLES_DIR = path.resolve(
  require.resolve('@platform-metrics/demo-data/package.json'),
  '..',
  '..',
  '..',
  'examples',
);

const USAGE = `Usage: platform-metrics-demo-data <command> [options]

Commands:
  yaml                 Write the demo organisation's catalog files (examples/*.yaml)
  seed                 Generate the history and load it through the ingestion API
  stats                Generate the history and print counts and per-team metrics
  replay-webhooks      Send a day of signed GitHub (push, deployment_status) and
                       PagerDuty (incident) webhook deliveries to a running backend,
                       and print per entity what was sent

Options (seed, stats):
  --seed N             PRNG seed (default 1)
  --now ISO            End of the history (default: today 00:00 UTC)
  --scale NAME         demo (default) | small (200 entities, 50k deployments)
                       | large (2,000 entities, 500k deployments, 15k incidents,
                       20k responses, 200 teams)
  --entities N --deployments N --incidents N --responses N --teams N
                       Explicit sizes (override the scale's)
Options (seed):
  --url URL            Backend or plugin API URL (env PLATFORM_METRICS_URL,
                       default ${DEFAULT_BASE_URL})
  --token TOKEN        Bearer token (env PLATFORM_METRICS_TOKEN, default the demo's)
  --wait SECONDS       Wait up to this long for the backend to answer (default 0)
  --concurrency N      Requests in flight (default 4)
  --quiet              No progress bar
Options (replay-webhooks):
  --url URL            As for seed
  --day YYYY-MM-DD     The day to replay (default: yesterday, UTC)
  --seed N             PRNG seed (default 1); the same day and seed send the same ids
  --github-secret S    (env PLATFORM_METRICS_GITHUB_WEBHOOK_SECRET, default the demo's)
  --pagerduty-secret S (env PLATFORM_METRICS_PAGERDUTY_WEBHOOK_SECRET, default the demo's)
  --wait SECONDS, --concurrency N
  --json               Print the summary as JSON
Options (yaml):
  --out DIR            Directory to write to (default examples/ of the repository)
`;

function int(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value.replace(/_/g, ''));
  if (!Number.isInteger(n) || n < 0)
    throw new Error(`--${name} expects a whole number, got ${value}`);
  return n;
}

function scaleFrom(
  values: Record<string, string | boolean | undefined>,
): ScaleOptions {
  const name = (values.scale as string | undefined) ?? 'demo';
  if (!(name in SCALES))
    throw new Error(`--scale must be one of ${Object.keys(SCALES).join(', ')}`);
  const scale: ScaleOptions = { ...SCALES[name as keyof typeof SCALES] };
  for (const key of [
    'entities',
    'deployments',
    'incidents',
    'responses',
    'teams',
  ] as const) {
    const v = int(key, values[key] as string | undefined);
    if (v !== undefined) scale[key] = v;
  }
  return scale;
}

export async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      seed: { type: 'string' },
      now: { type: 'string' },
      scale: { type: 'string' },
      entities: { type: 'string' },
      deployments: { type: 'string' },
      incidents: { type: 'string' },
      responses: { type: 'string' },
      teams: { type: 'string' },
      url: { type: 'string' },
      token: { type: 'string' },
      wait: { type: 'string' },
      concurrency: { type: 'string' },
      out: { type: 'string' },
      quiet: { type: 'boolean' },
      day: { type: 'string' },
      'github-secret': { type: 'string' },
      'pagerduty-secret': { type: 'string' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [command] = positionals;
  if (values.help || !command) {
    console.error(USAGE);
    return values.help ? 0 : 2;
  }

  if (command === 'yaml') {
    const out = values.out ? path.resolve(values.out) : EXAMPLES_DIR;
    fs.mkdirSync(out, { recursive: true });
    for (const [name, text] of Object.entries(
      renderCatalogYaml(generateOrg()),
    )) {
      fs.writeFileSync(path.join(out, name), text);
      console.error(`wrote ${path.join(out, name)}`);
    }
    return 0;
  }

  if (command === 'replay-webhooks') return replay(values);

  if (command !== 'seed' && command !== 'stats') {
    console.error(`unknown command ${command}\n\n${USAGE}`);
    return 2;
  }

  const seed = int('seed', values.seed) ?? 1;
  const scale = scaleFrom(values);
  const started = Date.now();
  if (Object.values(scale).some(v => v !== undefined)) {
    console.error(
      'generating; sizes are calibrated by dry runs (about a minute for --scale large)...',
    );
  }
  const plan = planEvents({ seed, now: values.now, scale });
  const events = loadableFromPlan(plan);
  const totals = events.totals!;
  console.error(
    `generated ${plan.org.components.length} components of ${plan.org.teams.length} teams, ` +
      `${plan.org.users.length} users; ${totals.deployments} deployments, ${totals.incidents} incidents, ` +
      `${totals.requests} platform requests, ${totals.costs} monthly costs, ${totals.adoptionSnapshots} daily adoption snapshots, ` +
      `${totals.surveyResponses} survey responses (${plan.surveys.join(
        ', ',
      )}), ${totals.pulses} pulse questions ` +
      `from ${plan.from} to ${plan.now}, seed ${seed}, in ${
        Date.now() - started
      } ms`,
  );

  if (command === 'stats') {
    if ((totals.deployments ?? 0) > 100_000) {
      console.error('(per-team metrics skipped above 100k deployments)');
      return 0;
    }
    const all = eventsOf(plan, [...events.deployments], [...events.incidents]);
    console.log(
      `platform launch: ${plan.org.launchDate}; last 90 days per team:`,
    );
    console.table(
      summarizeByTeam(all).map(s => ({
        team: s.team,
        'team deploys/day': +s.deploysPerDay.toFixed(2),
        'lead time h':
          s.leadTimeMedianHours && +s.leadTimeMedianHours.toFixed(1),
        CFR: s.changeFailureRate && +s.changeFailureRate.toFixed(2),
        'restore h':
          s.timeToRestoreMedianHours && +s.timeToRestoreMedianHours.toFixed(1),
        open: s.openIncidents,
        'NPS (score/n)': Object.entries(s.nps)
          .map(([, v]) => `${v.score}/${v.n}`)
          .join(' '),
      })),
    );
    console.log('NPS by survey:', npsBySurvey(all));
    return 0;
  }

  const baseUrl = resolveBaseUrl(
    values.url ?? process.env.PLATFORM_METRICS_URL ?? DEFAULT_BASE_URL,
  );
  const token =
    values.token ?? process.env.PLATFORM_METRICS_TOKEN ?? DEFAULT_TOKEN;
  const wait = int('wait', values.wait) ?? 0;
  if (wait > 0) {
    console.error(`waiting up to ${wait}s for ${baseUrl} ...`);
    await waitForBackend({ baseUrl, timeoutMs: wait * 1000 });
  }
  const bars = new Map<RecordKind, ProgressBar>();
  const label: Record<RecordKind, string> = {
    deployments: 'deployments',
    pipelineRuns: 'pipeline runs',
    requests: 'platform requests',
    costs: 'monthly costs',
    adoptionSnapshots: 'adoption snapshots',
    incidents: 'incidents',
    surveyResponses: 'survey responses',
    pulses: 'pulse questions',
  };
  const result = await loadViaApi({
    baseUrl,
    token,
    events,
    concurrency: int('concurrency', values.concurrency),
    beforeSurveyResponses: async () => {
      // answers are recorded with the user's groups as the plugin knows them
      const owners = plan.org.components
        .filter(c => c.inCatalog)
        .map(c => c.owner);
      const synced = await waitForCatalogSync({
        baseUrl,
        token,
        minTeams: new Set(owners).size,
        timeoutMs: wait > 0 ? 150_000 : 5_000,
      });
      if (!synced) {
        console.error(
          'warning: the plugin has not read the catalog yet; survey answers may lack their groups (seed again later to fix)',
        );
      }
    },
    onProgress: values.quiet
      ? undefined
      : ({ kind, sent, total }) => {
          let bar = bars.get(kind);
          if (!bar) {
            bar = createProgressBar(label[kind], total ?? sent);
            bars.set(kind, bar);
          }
          if (total !== undefined && sent >= total) bar.finish();
          else bar.update(sent);
        },
  });
  const annotated = await loadAnnotations({ baseUrl, token, annotations: demoAnnotations(plan.org) });
  console.error(`annotations: created ${annotated.created}, updated ${annotated.updated}`);
  for (const kind of Object.keys(result) as RecordKind[]) {
    const r = result[kind]!;
    console.error(
      `${label[kind]}: received ${r.received}, created ${r.created}, updated ${r.updated}${
        r.skipped ? `, skipped ${r.skipped} (already stored)` : ''
      }`,
    );
  }
  console.error(
    `loaded into ${baseUrl} in ${((Date.now() - started) / 1000).toFixed(1)}s`,
  );
  return 0;
}

async function replay(values: Record<string, string | boolean | undefined>): Promise<number> {
  const baseUrl = resolveBaseUrl(
    (values.url as string | undefined) ?? process.env.PLATFORM_METRICS_URL ?? DEFAULT_BASE_URL,
  );
  const day =
    (values.day as string | undefined) ?? new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
  const wait = int('wait', values.wait as string | undefined) ?? 0;
  if (wait > 0) await waitForBackend({ baseUrl, timeoutMs: wait * 1000 });
  const deliveries = planWebhookDay(generateOrg(), day, int('seed', values.seed as string | undefined) ?? 1);
  const summary = await replayWebhooks({
    baseUrl,
    deliveries,
    githubSecret:
      (values['github-secret'] as string | undefined) ??
      process.env.PLATFORM_METRICS_GITHUB_WEBHOOK_SECRET ??
      DEMO_GITHUB_WEBHOOK_SECRET,
    pagerdutySecret:
      (values['pagerduty-secret'] as string | undefined) ??
      process.env.PLATFORM_METRICS_PAGERDUTY_WEBHOOK_SECRET ??
      DEMO_PAGERDUTY_WEBHOOK_SECRET,
    concurrency: int('concurrency', values.concurrency as string | undefined),
  });
  if (values.json) {
    console.log(JSON.stringify({ day, baseUrl, ...summary }, null, 2));
  } else {
    console.log(`replayed ${summary.deliveries} deliveries of ${day} to ${baseUrl}`);
    console.table(
      Object.entries(summary.entities).map(([entity, c]) => ({
        entity,
        pushes: c.pushes,
        deployments: c.deployments,
        failed: c.failedDeployments,
        incidents: c.incidents,
      })),
    );
    console.log(
      `answers: ${Object.entries(summary.answers)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')}`,
    );
  }
  const refused = Object.keys(summary.answers).filter(k => k.startsWith('HTTP'));
  if (refused.length) {
    console.error(
      `some deliveries were refused (${refused.join(', ')}): are the receivers' secrets set (platformMetrics.integrations)?`,
    );
    return 1;
  }
  return 0;
}
