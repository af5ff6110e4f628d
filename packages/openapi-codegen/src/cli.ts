import { Drift, GenerateOptions, SPEC_PATH, drift, write } from './generate';

const USAGE = `Usage: platform-metrics-openapi-codegen <generate|check> [options]

Generates, from <package>/${SPEC_PATH}, the files
@backstage/repo-tools' \`package schema openapi generate\` writes:

  --package <dir>         package holding the spec (default: current directory)
  --server                typed router, endpoint map and models in that package
  --client-package <dir>  models and DefaultApiClient in <dir>
  --root <dir>            the paths above are relative to it (default: current directory)

\`generate\` writes the files and removes stale ones from the generated
directories; \`check\` writes nothing and fails when the committed files
differ from what \`generate\` would write.
`;

interface Args {
  command?: string;
  options: GenerateOptions;
}

export function parseArgs(argv: string[]): Args {
  const options: GenerateOptions = {
    rootDir: process.cwd(),
    packageDir: '.',
    server: false,
  };
  let command: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--'))
        throw new Error(`${arg} needs a value`);
      return v;
    };
    if (arg === '--server') options.server = true;
    else if (arg === '--client-package') options.clientPackage = value();
    else if (arg === '--package') options.packageDir = value();
    else if (arg === '--root') options.rootDir = value();
    else if (!arg.startsWith('--') && !command) command = arg;
    else throw new Error(`unknown argument ${arg}`);
  }
  return { command, options };
}

function describe(d: Drift): string[] {
  return [
    ...d.missing.map(p => `  missing:  ${p}`),
    ...d.changed.map(p => `  outdated: ${p}`),
    ...d.extra.map(p => `  stale:    ${p}`),
  ];
}

export async function main(
  argv: string[],
  out: (line: string) => void = line => process.stdout.write(`${line}\n`),
): Promise<number> {
  let args: Args;
  try {
    args = parseArgs(argv);
  } catch (e) {
    out(`${(e as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { command, options } = args;
  if (command === 'generate') {
    const lines = describe(write(options));
    out(
      lines.length
        ? `Generated OpenAPI files:\n${lines.join('\n')}`
        : 'Generated OpenAPI files are up to date.',
    );
    return 0;
  }
  if (command === 'check') {
    const lines = describe(drift(options));
    if (lines.length === 0) {
      out('Generated OpenAPI files are up to date.');
      return 0;
    }
    out(
      `The generated OpenAPI files do not match ${
        options.packageDir
      }/${SPEC_PATH}:\n${lines.join(
        '\n',
      )}\nRun \`yarn openapi:generate\` and commit the result.`,
    );
    return 1;
  }
  out(USAGE);
  return command === undefined || command === 'help' ? 0 : 2;
}
