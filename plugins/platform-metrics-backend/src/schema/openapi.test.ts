import { getOpenApiSpecRoute } from '@backstage/backend-openapi-utils';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { createTestDatabases } from '../__testUtils__/databases';
import { createServices, createTestRouter } from '../__testUtils__/services';

describe('openapi.yaml', () => {
  const databases = createTestDatabases();

  it('documents exactly the routes the router serves', async () => {
    const spec = parse(readFileSync(resolve(__dirname, 'openapi.yaml'), 'utf8'));
    const documented = Object.entries(spec.paths as Record<string, object>)
      .flatMap(([path, ops]) => Object.keys(ops).map(m => `${m.toUpperCase()} ${path}`))
      .sort();

    const services = await createServices(await databases.init('SQLITE_3'));
    const router = await createTestRouter(services);
    const served = (router.stack as any[])
      // the typed router serves the spec itself at /openapi.json
      .filter(layer => layer.route && layer.route.path !== getOpenApiSpecRoute(''))
      .flatMap(layer =>
        Object.keys(layer.route.methods).map(
          m => `${m.toUpperCase()} ${String(layer.route.path).replace(/:(\w+)/g, '{$1}')}`,
        ),
      )
      .sort();
    expect(served).toEqual(documented);
  });
});

describe('the spec', () => {
  const spec = parse(readFileSync(resolve(__dirname, 'openapi.yaml'), 'utf8'));

  /** Every schema of the document, with where it stands. */
  function schemas(node: any, at: string, out: Array<[string, any]> = []) {
    if (!node || typeof node !== 'object') return out;
    if (Array.isArray(node)) {
      node.forEach((n, i) => schemas(n, `${at}[${i}]`, out));
      return out;
    }
    for (const [k, v] of Object.entries<any>(node)) {
      if (k === 'schema' || k === 'items' || k === 'not') {
        out.push([`${at}.${k}`, v]);
      } else if (k === 'properties' || (k === 'schemas' && at.endsWith('components'))) {
        for (const [name, s] of Object.entries(v ?? {})) out.push([`${at}.${k}.${name}`, s]);
      } else if (k === 'allOf' || k === 'oneOf' || k === 'anyOf') {
        v.forEach((s: any, i: number) => out.push([`${at}.${k}[${i}]`, s]));
      }
      schemas(v, `${at}.${k}`, out);
    }
    return out;
  }
  const all = schemas(spec, '#');

  it('gives every schema a type, a reference or its parts', () => {
    const untyped = all
      .filter(([, s]) => !s.$ref && !s.type && !s.allOf && !s.oneOf && !s.anyOf && !s.enum)
      .map(([at]) => at);
    expect(untyped).toEqual([]);
  });

  it('has no placeholder objects: every object names its properties or their type', () => {
    const placeholders = all
      .filter(([, s]) => s.type === 'object' && !s.properties && s.additionalProperties === undefined)
      .map(([at]) => at);
    expect(placeholders).toEqual([]);
  });

  it('requires every field of the response schemas', () => {
    // response objects list all their properties as required: a field the
    // backend always sends must not read as optional in the generated models
    const responseSchemas = Object.entries<any>(spec.components.schemas).filter(
      ([name]) => !/Batch$|^Deployment$|^DeploymentChange$|^Incident$|^PipelineRun$|^Cost$|^SelfServiceRequest$|^ImportedSurveyResponse$|^SurveyAnswer$|^AnnotationInput$|^Pulse$|^Error$/.test(name),
    );
    const optional = responseSchemas.flatMap(([name, s]) =>
      [s, ...(s.allOf ?? [])]
        .filter(part => part.properties)
        .flatMap(part =>
          Object.keys(part.properties)
            .filter(p => !(part.required ?? []).includes(p))
            .map(p => `${name}.${p}`),
        ),
    );
    // present only where they apply: the matched rule of an adopted entity,
    // the rules that would adopt one that is not adopted, the comparison asked for with compare=
    // (with TTFD and NPS on summaries only), the split asked for with split=,
    // a target's configured label and the sample behind a known current figure,
    // the snapshot day (or why there is none) of a past window's adoption
    expect(optional).toEqual([
      'EntityAdoption.rule',
      'EntityAdoption.rules',
      'EntityScorecard.comparison',
      'OrgAdoption.asOf',
      'OrgAdoption.reason',
      'AdoptionCohort.comparison',
      'OrgSummary.comparison',
      'OrgSummary.split',
      'Target.label',
      'Target.currency',
      'Target.n',
      'Comparison.timeToFirstDeploy',
      'Comparison.nps',
    ]);
  });
});
