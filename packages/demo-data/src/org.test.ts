import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { parseAllDocuments } from 'yaml';
import {
  componentEntityV1alpha1Validator,
  domainEntityV1alpha1Validator,
  Entity,
  groupEntityV1alpha1Validator,
  resourceEntityV1alpha1Validator,
  systemEntityV1alpha1Validator,
  userEntityV1alpha1Validator,
} from '@backstage/catalog-model';
import { ANNOTATIONS, renderCatalogYaml } from './catalogYaml';
import { generateOrg, LAUNCH_DAYS_BEFORE_EPOCH } from './org';

const EXAMPLES = path.resolve(__dirname, '..', '..', '..', 'examples');

function read(name: string): Entity[] {
  const text = fs.readFileSync(path.join(EXAMPLES, name), 'utf8');
  return parseAllDocuments(text).map(d => d.toJSON() as Entity);
}

describe('catalog YAML in examples/', () => {
  it('is what the generator produces (run `yarn workspace @platform-metrics/demo-data yaml`)', () => {
    const files = renderCatalogYaml(generateOrg());
    for (const [name, text] of Object.entries(files)) {
      expect(fs.readFileSync(path.join(EXAMPLES, name), 'utf8')).toBe(text);
    }
    expect(fs.existsSync(path.join(EXAMPLES, 'entities.yaml'))).toBe(false);
  });

  it('contains only valid entities of the kinds each file may hold', async () => {
    const validators = {
      User: userEntityV1alpha1Validator,
      Group: groupEntityV1alpha1Validator,
      Domain: domainEntityV1alpha1Validator,
      System: systemEntityV1alpha1Validator,
      Component: componentEntityV1alpha1Validator,
      Resource: resourceEntityV1alpha1Validator,
    } as const;
    const allowed: Record<string, string[]> = {
      'org.yaml': ['User', 'Group'],
      'systems.yaml': ['Domain', 'System', 'Resource'],
      'components.yaml': ['Component'],
    };
    for (const [file, kinds] of Object.entries(allowed)) {
      for (const entity of read(file)) {
        expect(kinds).toContain(entity.kind);
        const validator = validators[entity.kind as keyof typeof validators];
        await expect(validator.check(entity)).resolves.toBe(true);
      }
    }
  });

  it('describes an organisation with teams, members, owned components and golden-path states', () => {
    const groups = read('org.yaml').filter(e => e.kind === 'Group');
    const users = read('org.yaml').filter(e => e.kind === 'User');
    const systems = read('systems.yaml').filter(e => e.kind === 'System');
    const components = read('components.yaml');
    const teams = groups.filter(g => (g.spec as any).type === 'team');
    expect(teams.length).toBeGreaterThanOrEqual(6);

    // every team has at least 5 members (NPS minimum group size)
    for (const team of teams) {
      const members = users.filter(u =>
        ((u.spec as any).memberOf as string[]).includes(team.metadata.name),
      );
      expect(members.length).toBeGreaterThanOrEqual(5);
    }
    expect(users.length).toBeGreaterThanOrEqual(60);
    const guest = users.find(u => u.metadata.name === 'guest');
    expect((guest?.spec as any).memberOf).toEqual(['platform']);

    expect(components.length).toBeGreaterThanOrEqual(40);
    const teamRefs = new Set(
      teams.map(t => `group:default/${t.metadata.name}`),
    );
    const systemNames = new Set(systems.map(s => s.metadata.name));
    for (const c of components) {
      const spec = c.spec as any;
      expect(teamRefs.has(spec.owner)).toBe(true);
      expect(systemNames.has(spec.system)).toBe(true);
      expect(['service', 'website', 'library']).toContain(spec.type);
      expect(spec.lifecycle).toBeTruthy();
    }
    const annotated = (key: string) =>
      components.filter(c => c.metadata.annotations?.[key] !== undefined);
    const eligible = components.filter(c =>
      ['service', 'website'].includes((c.spec as any).type),
    );
    const adopted = annotated(ANNOTATIONS.sourceTemplate);
    const exceptions = annotated(ANNOTATIONS.exception);
    expect(adopted.length).toBeGreaterThan(10);
    expect(exceptions.length).toBeGreaterThanOrEqual(3);
    expect(
      eligible.length - adopted.length - exceptions.length,
    ).toBeGreaterThan(10);
    expect(
      components.filter(c => (c.spec as any).type === 'library').length,
    ).toBeGreaterThanOrEqual(3);
    expect(
      new Set(components.map(c => (c.spec as any).system)).size,
    ).toBeGreaterThanOrEqual(5);

    // created-at: parseable, within the year before the epoch
    const org = generateOrg();
    const epoch = Date.parse(org.epoch);
    const created = annotated(ANNOTATIONS.createdAt);
    expect(created.length).toBeGreaterThanOrEqual(8);
    for (const c of created) {
      const t = Date.parse(c.metadata.annotations![ANNOTATIONS.createdAt]);
      expect(t).toBeLessThan(epoch);
      expect(t).toBeGreaterThan(epoch - 365 * 86_400_000);
    }
    // services made from a template after the launch carry the template annotation
    const launch = epoch - LAUNCH_DAYS_BEFORE_EPOCH * 86_400_000;
    const fromTemplate = org.components.filter(
      c => c.sourceTemplate && c.createdAt,
    );
    expect(fromTemplate.length).toBeGreaterThan(5);
    for (const c of fromTemplate) {
      expect(Date.parse(c.createdAt!)).toBeGreaterThanOrEqual(launch);
    }
    expect(org.components.filter(c => c.sourceTemplate && c.exception)).toEqual(
      [],
    );
  });

  it('gives the platform team resources that the product components depend on, so its incidents reach them', () => {
    const resources = read('systems.yaml').filter(e => e.kind === 'Resource');
    expect(resources.map(r => [r.metadata.name, (r.spec as any).owner])).toEqual([
      ['production-cluster', 'group:default/platform'],
      ['ci-runner-pool', 'group:default/platform'],
      ['artifact-registry', 'group:default/platform'],
    ]);
    const known = new Set([
      ...resources.map(r => `resource:default/${r.metadata.name}`),
      ...read('components.yaml').map(c => `component:default/${c.metadata.name}`),
    ]);
    const components = read('components.yaml');
    const dependsOn = (e: Entity) => ((e.spec as any).dependsOn ?? []) as string[];
    // every reference resolves to an entity of the demo catalog
    for (const e of [...components, ...resources]) {
      for (const ref of dependsOn(e)) expect(known.has(ref)).toBe(true);
    }
    // every product component builds on the CI runners; the legacy exceptions do not run on the cluster
    const product = components.filter(c => (c.spec as any).owner !== 'group:default/platform');
    expect(product.every(c => dependsOn(c).includes('resource:default/ci-runner-pool'))).toBe(true);
    const exceptions = product.filter(c => c.metadata.annotations?.[ANNOTATIONS.exception]);
    expect(exceptions.length).toBeGreaterThan(0);
    expect(exceptions.some(c => dependsOn(c).includes('resource:default/production-cluster'))).toBe(false);
    expect(components.filter(c => dependsOn(c).includes('component:default/secrets-broker')).length).toBeGreaterThanOrEqual(5);
  });

  it('adds synthetic teams, components and users for benchmark sizes', () => {
    const org = generateOrg({ teams: 200, entities: 2000, users: 5000 });
    expect(org.teams).toHaveLength(200);
    expect(org.components).toHaveLength(2000);
    expect(org.users).toHaveLength(5000);
    expect(new Set(org.components.map(c => c.name)).size).toBe(2000);
    const teamNames = new Set(org.teams.map(t => t.name));
    expect(org.components.every(c => teamNames.has(c.owner))).toBe(true);
    // the demo's components come first and are the only ones in the catalog
    expect(org.components.filter(c => c.inCatalog)).toHaveLength(
      generateOrg().components.length,
    );
  });
});

describe('the CLI', () => {
  it('runs from source with Node and writes the catalog files', () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-demo-yaml-'));
    try {
      execFileSync(
        process.execPath,
        [
          path.resolve(__dirname, '..', 'bin', 'platform-metrics-demo-data'),
          'yaml',
          '--out',
          out,
        ],
        { stdio: 'pipe' },
      );
      for (const name of ['org.yaml', 'systems.yaml', 'components.yaml']) {
        expect(fs.readFileSync(path.join(out, name), 'utf8')).toBe(
          fs.readFileSync(path.join(EXAMPLES, name), 'utf8'),
        );
      }
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  });
});
