import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
  existsSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main, parseArgs } from './cli';
import { GenerateOptions, drift, write } from './generate';

const SPEC = `openapi: 3.0.3
info: { title: demo, version: '1' }
paths:
  /ping:
    get:
      operationId: Ping
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: { $ref: '#/components/schemas/Pong' }
components:
  schemas:
    Pong: { type: object, required: [ok], properties: { ok: { type: boolean } } }
`;

describe('generate and check', () => {
  let root: string;
  let options: GenerateOptions;
  const out: string[] = [];
  const run = (...argv: string[]) =>
    main(
      [
        ...argv,
        '--root',
        root,
        '--package',
        'backend',
        '--server',
        '--client-package',
        'common',
      ],
      l => out.push(l),
    );

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'openapi-codegen-'));
    mkdirSync(join(root, 'backend/src/schema'), { recursive: true });
    writeFileSync(join(root, 'backend/src/schema/openapi.yaml'), SPEC);
    options = {
      rootDir: root,
      packageDir: 'backend',
      server: true,
      clientPackage: 'common',
    };
    out.length = 0;
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('writes the files, after which check passes and generate changes nothing', async () => {
    const first = write(options);
    expect(first.missing).toContain(
      'backend/src/schema/openapi/generated/router.ts',
    );
    expect(first.missing).toContain(
      'common/src/schema/openapi/generated/apis/Api.client.ts',
    );
    expect(first.missing).toContain('common/src/schema/openapi/index.ts');
    expect(drift(options)).toEqual({ missing: [], changed: [], extra: [] });
    expect(await run('check')).toBe(0);
    expect(out.pop()).toBe('Generated OpenAPI files are up to date.');
    const model = join(
      root,
      'backend/src/schema/openapi/generated/models/Pong.model.ts',
    );
    const before = readFileSync(model, 'utf8');
    expect(write(options)).toEqual({ missing: [], changed: [], extra: [] });
    expect(readFileSync(model, 'utf8')).toBe(before);
  });

  it('fails the check, naming each file, when the committed files are stale', async () => {
    write(options);
    const gen = join(root, 'backend/src/schema/openapi/generated');
    writeFileSync(join(gen, 'models/Pong.model.ts'), '// edited by hand\n');
    writeFileSync(
      join(gen, 'models/Old.model.ts'),
      '// left from an older spec\n',
    );
    rmSync(join(root, 'common/src/schema/openapi/generated/pluginId.ts'));
    expect(await run('check')).toBe(1);
    expect(out.pop()).toBe(
      [
        'The generated OpenAPI files do not match backend/src/schema/openapi.yaml:',
        '  missing:  common/src/schema/openapi/generated/pluginId.ts',
        '  outdated: backend/src/schema/openapi/generated/models/Pong.model.ts',
        '  stale:    backend/src/schema/openapi/generated/models/Old.model.ts',
        'Run `yarn openapi:generate` and commit the result.',
      ].join('\n'),
    );
    // generate mends all three
    expect(await run('generate')).toBe(0);
    expect(existsSync(join(gen, 'models/Old.model.ts'))).toBe(false);
    expect(await run('check')).toBe(0);
  });

  it('fails the check when the spec changed since the files were generated', async () => {
    write(options);
    writeFileSync(
      join(root, 'backend/src/schema/openapi.yaml'),
      SPEC.replace(
        'properties: { ok: { type: boolean } }',
        'properties: { ok: { type: boolean }, at: { type: string } }',
      ),
    );
    expect(await run('check')).toBe(1);
    expect(out.pop()).toMatch(
      /outdated: backend\/src\/schema\/openapi\/generated\/models\/Pong.model.ts/,
    );
  });

  it('explains its arguments', async () => {
    expect(await main(['--nope'], l => out.push(l))).toBe(2);
    expect(out.pop()).toMatch(/unknown argument --nope[\s\S]*Usage:/);
    expect(parseArgs(['check', '--package', 'p', '--server'])).toEqual({
      command: 'check',
      options: { rootDir: process.cwd(), packageDir: 'p', server: true },
    });
    expect(() => parseArgs(['generate', '--client-package'])).toThrow(
      /--client-package needs a value/,
    );
  });
});
