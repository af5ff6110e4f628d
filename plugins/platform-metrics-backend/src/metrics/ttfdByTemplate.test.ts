import fc from 'fast-check';
import { EntityRow } from '../database/CatalogStore';
import { DAY, makeWindow } from '../lib/time';
import { ttfdByTemplate, ttfdCohort } from './ttfd';

/*
 * Time to first deploy per software template (docs/metrics.md, "TTFD per
 * software template (§3)"): each template's components, computed exactly as
 * the scope's cohort (§7).
 */

const NODE = 'template:default/node-service';
const JAVA = 'template:default/java-service';
const WEB = 'template:default/react-website';
const TO = '2026-04-01T00:00:00Z';
const window = makeWindow(90, TO);
const at = (iso: string) => Date.parse(iso);

function entity(name: string, patch: Partial<EntityRow> = {}): EntityRow {
  return {
    entityRef: `component:default/${name}`,
    kind: 'component',
    type: 'service',
    ownerRef: 'group:default/team-a',
    systemRef: null,
    lifecycle: null,
    adoptionStatus: 'adopted',
    adoptionReason: null,
    annotatedCreatedAt: null,
    firstSeenAt: at('2025-01-01T00:00:00Z'),
    ...patch,
  };
}

/** Created at `created` from `template`, first deployed `days` later (undefined: never). */
function made(
  name: string,
  template: string | null,
  created: string,
  days?: number,
) {
  const e = entity(name, {
    sourceTemplate: template,
    annotatedCreatedAt: at(created),
  });
  return {
    e,
    first: days === undefined ? undefined : at(created) + days * DAY,
  };
}

function rows(list: Array<ReturnType<typeof made>>) {
  const firsts = new Map(
    list.flatMap(x =>
      x.first === undefined
        ? []
        : [[x.e.entityRef, x.first] as [string, number]],
    ),
  );
  return { entities: list.map(x => x.e), firsts };
}

describe('ttfdByTemplate', () => {
  it('gives one row per template of the cohort, with its median, n, stalled and cohort size', () => {
    const { entities, firsts } = rows([
      made('n1', NODE, '2026-02-01T00:00:00Z', 1),
      made('n2', NODE, '2026-02-02T00:00:00Z', 3),
      // stalled: created 59 days before `to`, first deploy after 40 days
      made('n3', NODE, '2026-02-01T00:00:00Z', 40),
      made('j1', JAVA, '2026-01-10T00:00:00Z', 10),
      // never deployed, created more than 30 days before `to`: stalled
      made('j2', JAVA, '2026-01-20T00:00:00Z'),
      // created outside the window: not in the cohort
      made('j-old', JAVA, '2025-10-01T00:00:00Z', 2),
    ]);
    expect(ttfdByTemplate(entities, firsts, undefined, window)).toEqual([
      {
        template: NODE,
        created: 3,
        timeToFirstDeploy: { median: 3 * 86_400, n: 3, stalled: 1 },
      },
      {
        template: JAVA,
        created: 2,
        timeToFirstDeploy: { median: 10 * 86_400, n: 1, stalled: 1 },
      },
    ]);
  });

  it('sorts by median ascending, templates without a median last, then by ref', () => {
    const { entities, firsts } = rows([
      made('w1', WEB, '2026-03-25T00:00:00Z'), // in the cohort, not deployed yet, not stalled
      made('j1', JAVA, '2026-03-01T00:00:00Z', 2),
      made('n1', NODE, '2026-03-01T00:00:00Z', 2),
      made('x1', 'template:default/another', '2026-03-02T00:00:00Z'),
    ]);
    const result = ttfdByTemplate(entities, firsts, undefined, window);
    expect(result.map(r => [r.template, r.timeToFirstDeploy.median])).toEqual([
      [JAVA, 2 * 86_400],
      [NODE, 2 * 86_400],
      ['template:default/another', null],
      [WEB, null],
    ]);
    // a template whose cohort has not deployed is listed with n 0
    expect(result.find(r => r.template === WEB)).toEqual({
      template: WEB,
      created: 1,
      timeToFirstDeploy: { median: null, n: 0, stalled: 0 },
    });
  });

  it('lists no template without a component created in the window, and no component without a template', () => {
    const { entities, firsts } = rows([
      made('old', NODE, '2025-06-01T00:00:00Z', 1),
      made('plain', null, '2026-03-01T00:00:00Z', 1),
      // created in the window by first sighting (after the installation)
      {
        e: entity('seen', {
          sourceTemplate: JAVA,
          firstSeenAt: at('2026-03-10T00:00:00Z'),
        }),
        first: at('2026-03-11T00:00:00Z'),
      },
      // created at an unknown time: in no cohort
      {
        e: entity('unknown', { sourceTemplate: WEB }),
        first: at('2026-03-11T00:00:00Z'),
      },
    ]);
    expect(
      ttfdByTemplate(entities, firsts, at('2026-01-01T00:00:00Z'), window),
    ).toEqual([
      {
        template: JAVA,
        created: 1,
        timeToFirstDeploy: { median: 86_400, n: 1, stalled: 0 },
      },
    ]);
    expect(ttfdByTemplate([], new Map(), undefined, window)).toEqual([]);
  });

  it("computes each row exactly as the cohort of the template's components", () => {
    const templates = [NODE, JAVA, WEB, null];
    const arbitrary = fc.array(
      fc.record({
        template: fc.constantFrom(...templates),
        createdDaysBeforeTo: fc.integer({ min: 0, max: 120 }),
        deployAfterDays: fc.option(
          fc.double({ min: 0, max: 60, noNaN: true }),
          { nil: undefined },
        ),
      }),
      { maxLength: 40 },
    );
    fc.assert(
      fc.property(arbitrary, specs => {
        const list = specs.map((s, i) =>
          made(
            `c${i}`,
            s.template,
            new Date(window.to - s.createdDaysBeforeTo * DAY - 1).toISOString(),
            s.deployAfterDays,
          ),
        );
        const { entities, firsts } = rows(list);
        const result = ttfdByTemplate(entities, firsts, undefined, window);
        for (const row of result) {
          const own = entities.filter(e => e.sourceTemplate === row.template);
          expect(row.timeToFirstDeploy).toEqual(
            ttfdCohort(own, firsts, undefined, window),
          );
          expect(row.created).toBeGreaterThan(0);
        }
        // every template with a component created in the window has its row
        const expected = new Set(
          specs
            .filter(s => s.template !== null && s.createdDaysBeforeTo < 90)
            .map(s => s.template),
        );
        expect(new Set(result.map(r => r.template))).toEqual(expected);
        const medians = result.map(r => r.timeToFirstDeploy.median);
        const known = medians.filter((m): m is number => m !== null);
        expect(medians.slice(0, known.length)).toEqual(
          [...known].sort((a, b) => a - b),
        );
      }),
      { numRuns: 300 },
    );
  });
});
