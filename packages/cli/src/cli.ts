/**
 * The `platform-metrics` command line: deployments, incidents and imports
 * into the platform-metrics backend from any CI system.
 */
import { deploymentCommand, DEPLOYMENT_USAGE } from './commands/deployment';
import { importCommand, IMPORT_USAGE } from './commands/import';
import { incidentCommand, INCIDENT_USAGE } from './commands/incident';
import { ApiError, UsageError } from './errors';
import { CliIo, CONNECTION_USAGE } from './options';

export const USAGE = `Usage: platform-metrics <command> [options]

Commands:
  deployment           Record a deployment of HEAD with the commits it ships
  incident open        Record an incident as open
  incident resolve     Record it as resolved
  import FILE          Import deployments, incidents or survey answers (NDJSON or CSV)

platform-metrics <command> --help (or platform-metrics help <command>) shows a
command's options.

${CONNECTION_USAGE}

Exit codes: 0 done, 1 the backend refused or could not be reached, 2 a usage
error, 3 an import written except for rejected lines.
`;

const COMMANDS: Record<
  string,
  { run: (argv: string[], io: CliIo) => Promise<number>; usage: string }
> = {
  deployment: { run: deploymentCommand, usage: DEPLOYMENT_USAGE },
  incident: { run: incidentCommand, usage: INCIDENT_USAGE },
  import: { run: importCommand, usage: IMPORT_USAGE },
};

/** Runs the CLI; answers the exit code. Errors are printed, never thrown. */
export async function main(
  argv: string[],
  io: Partial<CliIo> = {},
): Promise<number> {
  const full: CliIo = {
    env: io.env ?? process.env,
    cwd: io.cwd ?? process.cwd(),
    stdout: io.stdout ?? process.stdout,
    stderr: io.stderr ?? process.stderr,
    fetch: io.fetch,
  };
  const [name, ...rest] = argv;
  if (name === 'help' && rest[0] && COMMANDS[rest[0]]) {
    full.stdout.write(COMMANDS[rest[0]].usage);
    return 0;
  }
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    full.stdout.write(USAGE);
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    full.stderr.write(`platform-metrics: unknown command ${name}\n\n${USAGE}`);
    return 2;
  }
  try {
    return await command.run(rest, full);
  } catch (e) {
    if (e instanceof UsageError) {
      full.stderr.write(
        `platform-metrics ${name}: ${e.message}\n(platform-metrics ${name} --help lists the options)\n`,
      );
      return 2;
    }
    const message =
      e instanceof ApiError ? e.message : (e as Error)?.message ?? String(e);
    full.stderr.write(`platform-metrics ${name}: ${message}\n`);
    return 1;
  }
}
