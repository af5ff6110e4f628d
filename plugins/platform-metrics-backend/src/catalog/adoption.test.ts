import { Entity } from '@backstage/catalog-model';
import { classifyAdoption, describeRule, sourceTemplateOf } from './adoption';

const service = (annotations: Record<string, string>): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 's', annotations },
  spec: { type: 'service' },
});

describe('classifyAdoption', () => {
  const rules = [{ annotation: 'acme.io/paved-road', value: 'yes' }, { annotation: 'acme.io/template' }];
  const options = { eligibleTypes: ['service'], rules };

  it('names the first configured rule that matched', () => {
    expect(classifyAdoption(service({ 'acme.io/template': 'node', 'acme.io/paved-road': 'yes' }), options)).toEqual({
      status: 'adopted',
      reason: null,
      rule: 'annotation acme.io/paved-road is "yes"',
    });
    expect(classifyAdoption(service({ 'acme.io/template': 'node' }), options).rule).toBe('annotation acme.io/template is set');
  });

  it('does not adopt on a value other than the configured one, nor on the default rules', () => {
    expect(
      classifyAdoption(service({ 'acme.io/paved-road': 'no', 'backstage.io/source-template': 'x' }), options),
    ).toEqual({ status: 'not-adopted', reason: null, rule: null });
  });

  it('describes rules the way the scorecard shows them', () => {
    expect(rules.map(describeRule)).toEqual(['annotation acme.io/paved-road is "yes"', 'annotation acme.io/template is set']);
  });
});

describe('sourceTemplateOf', () => {
  const of = (value?: string) =>
    sourceTemplateOf(service(value === undefined ? {} : { 'backstage.io/source-template': value }));

  it('reads the template as a normalised entity ref, of kind template unless it names one', () => {
    expect(of('template:default/node-service')).toBe('template:default/node-service');
    expect(of(' Template:Default/Node-Service ')).toBe('template:default/node-service');
    expect(of('node-service')).toBe('template:default/node-service');
    expect(of('platform/node-service')).toBe('template:platform/node-service');
  });

  it('is null without the annotation, or when its value is not an entity ref', () => {
    expect(of()).toBeNull();
    expect(of('  ')).toBeNull();
    expect(of('https://github.com/acme/templates/blob/main/node.yaml')).toBeNull();
    expect(of('a:b:c/d/e')).toBeNull();
  });
});
