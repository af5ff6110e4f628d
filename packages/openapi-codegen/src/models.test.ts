import { InterfaceModel, ModelRegistry } from './models';
import { OpenApiDocument, SchemaObject } from './spec';

function registry(schemas: Record<string, SchemaObject>, openapi = '3.0.3') {
  const doc: OpenApiDocument = {
    openapi,
    info: { title: 't', version: '1' },
    paths: {},
    components: { schemas },
  };
  return new ModelRegistry(doc);
}

/** The type of an inline schema, with the models it needs. */
function typeOf(
  schema: SchemaObject,
  schemas: Record<string, SchemaObject> = {},
  hoistAs?: string,
) {
  const r = registry(schemas);
  const imports = new Set<string>();
  const type = r.typeOf(schema, imports, { hoistAs });
  return { type, imports: [...imports].sort(), models: r.models };
}

const props = (r: ModelRegistry, name: string) =>
  (r.models.get(name) as InterfaceModel).properties.map(
    p => `${p.name}${p.required ? '' : '?'}: ${p.type}`,
  );

describe('schema to TypeScript', () => {
  it.each<[string, SchemaObject, string]>([
    ['a string', { type: 'string' }, 'string'],
    ['an integer', { type: 'integer', minimum: 1 }, 'number'],
    ['a number', { type: 'number' }, 'number'],
    ['a boolean', { type: 'boolean' }, 'boolean'],
    ['no type', {}, 'any'],
    ['a free-form object', { type: 'object' }, 'any'],
    [
      'a map of strings',
      { type: 'object', additionalProperties: { type: 'string' } },
      '{ [key: string]: string }',
    ],
    [
      'a map of anything',
      { type: 'object', additionalProperties: {} },
      '{ [key: string]: any }',
    ],
    [
      'a map allowing anything',
      { type: 'object', additionalProperties: true },
      '{ [key: string]: any }',
    ],
    ['an array', { type: 'array', items: { type: 'string' } }, 'Array<string>'],
    [
      'an array of arrays',
      { type: 'array', items: { type: 'array', items: { type: 'number' } } },
      'Array<Array<number>>',
    ],
    [
      'a nullable string (3.0)',
      { type: 'string', nullable: true },
      'string | null',
    ],
    ['a nullable string (3.1)', { type: ['string', 'null'] }, 'string | null'],
    [
      'a string or a number (3.1)',
      { type: ['string', 'number'] },
      'string | number',
    ],
    [
      'an array of nullable numbers',
      { type: 'array', items: { type: 'number', nullable: true } },
      'Array<number | null>',
    ],
    [
      'an inline enum',
      { type: 'string', enum: ['a', "it's"] },
      "'a' | 'it\\'s'",
    ],
    ['a numeric enum', { type: 'integer', enum: [1, 2] }, '1 | 2'],
    [
      'a nullable enum',
      { type: 'string', nullable: true, enum: ['a', 'b', null] },
      "'a' | 'b' | null",
    ],
    [
      'a union',
      { oneOf: [{ type: 'string' }, { type: 'integer' }] },
      'string | number',
    ],
    [
      'a union with null (3.1)',
      { anyOf: [{ type: 'string' }, { type: 'null' }] },
      'string | null',
    ],
    [
      'a date-time, as openapi-generator types it',
      { type: 'string', format: 'date-time' },
      'Date',
    ],
  ])('%s', (_name, schema, expected) => {
    expect(typeOf(schema).type).toBe(expected);
  });

  it('refers to component models and imports them', () => {
    const { type, imports } = typeOf(
      { type: 'array', items: { $ref: '#/components/schemas/Tier' } },
      { Tier: { type: 'string', enum: ['elite', 'low'] } },
    );
    expect(type).toBe('Array<Tier>');
    expect(imports).toEqual(['Tier']);
  });

  it('writes out references to primitives, arrays and maps instead of modelling them', () => {
    const schemas: Record<string, SchemaObject> = {
      Id: { type: 'string', minLength: 1 },
      Ids: { type: 'array', items: { $ref: '#/components/schemas/Id' } },
      Labels: { type: 'object', additionalProperties: { type: 'string' } },
      When: { type: 'string', nullable: true },
    };
    const r = registry(schemas);
    const imports = new Set<string>();
    expect(r.typeOf({ $ref: '#/components/schemas/Ids' }, imports)).toBe(
      'Array<string>',
    );
    expect(r.typeOf({ $ref: '#/components/schemas/Labels' }, imports)).toBe(
      '{ [key: string]: string }',
    );
    expect(r.typeOf({ $ref: '#/components/schemas/When' }, imports)).toBe(
      'string | null',
    );
    expect(imports.size).toBe(0);
    expect([...r.models.keys()]).toEqual([]);
  });

  it('types references to a schema named Error as the Error type, and names its model ModelError', () => {
    const r = registry({
      Error: {
        type: 'object',
        properties: {
          error: {
            type: 'object',
            properties: { message: { type: 'string' } },
          },
        },
      },
    });
    const imports = new Set<string>();
    expect(r.typeOf({ $ref: '#/components/schemas/Error' }, imports)).toBe(
      'Error',
    );
    expect(imports.size).toBe(0);
    expect([...r.models.keys()].sort()).toEqual(['ErrorError', 'ModelError']);
    expect(props(r, 'ModelError')).toEqual(['error?: ErrorError']);
  });

  it('models an object with its required and optional properties in order', () => {
    const r = registry({
      Window: {
        type: 'object',
        description: 'A window.',
        required: ['to', 'from'],
        properties: {
          from: { type: 'string' },
          to: { type: 'string' },
          days: { type: 'integer', nullable: true, description: 'Its length.' },
          'insufficient-data': { type: 'integer' },
        },
      },
    });
    const m = r.models.get('Window') as InterfaceModel;
    expect(m).toMatchObject({
      kind: 'interface',
      description: 'A window.',
      nullable: false,
    });
    expect(props(r, 'Window')).toEqual([
      'from: string',
      'to: string',
      'days?: number | null',
      'insufficient-data?: number',
    ]);
    expect(m.properties[2].description).toBe('Its length.');
  });

  it('hoists inline objects into models named after where they stand', () => {
    const r = registry({
      Summary: {
        type: 'object',
        required: ['adoption'],
        properties: {
          adoption: {
            type: 'object',
            required: ['rate'],
            properties: { rate: { type: 'number', nullable: true } },
          },
          bySystem: {
            type: 'array',
            items: {
              type: 'object',
              properties: { systemRef: { type: 'string' } },
            },
          },
          response: {
            type: 'object',
            nullable: true,
            properties: { score: { type: 'integer' } },
          },
        },
      },
    });
    expect(props(r, 'Summary')).toEqual([
      'adoption: SummaryAdoption',
      'bySystem?: Array<SummaryBySystemInner>',
      'response?: SummaryResponse | null',
    ]);
    expect(props(r, 'SummaryAdoption')).toEqual(['rate: number | null']);
    expect(props(r, 'SummaryBySystemInner')).toEqual(['systemRef?: string']);
    expect((r.models.get('SummaryResponse') as InterfaceModel).nullable).toBe(
      false,
    );
    expect(
      [...(r.models.get('Summary') as InterfaceModel).imports].sort(),
    ).toEqual(['SummaryAdoption', 'SummaryBySystemInner', 'SummaryResponse']);
  });

  it('gives a hoisted model a free name when the natural one is taken', () => {
    const r = registry({
      SummaryAdoption: {
        type: 'object',
        properties: { x: { type: 'string' } },
      },
      Summary: {
        type: 'object',
        properties: {
          adoption: { type: 'object', properties: { y: { type: 'string' } } },
        },
      },
    });
    expect(props(r, 'Summary')).toEqual(['adoption?: SummaryAdoption1']);
    expect(props(r, 'SummaryAdoption1')).toEqual(['y?: string']);
  });

  it('declares inline enums of properties as <Model><Property>Enum', () => {
    const r = registry({
      Deployment: {
        type: 'object',
        required: ['status'],
        properties: {
          status: { type: 'string', enum: ['succeeded', 'failed'] },
          band: {
            type: 'string',
            nullable: true,
            enum: ['good', 'poor', null],
          },
          tags: { type: 'array', items: { type: 'string', enum: ['a', 'b'] } },
        },
      },
    });
    expect(props(r, 'Deployment')).toEqual([
      'status: DeploymentStatusEnum',
      'band?: DeploymentBandEnum | null',
      'tags?: Array<DeploymentTagsEnum>',
    ]);
    expect((r.models.get('Deployment') as InterfaceModel).enums).toEqual([
      { name: 'DeploymentStatusEnum', values: ['succeeded', 'failed'] },
      { name: 'DeploymentBandEnum', values: ['good', 'poor'] },
      { name: 'DeploymentTagsEnum', values: ['a', 'b'] },
    ]);
  });

  it('flattens allOf into one model: the properties of every part, required by any', () => {
    const r = registry({
      Duration: {
        type: 'object',
        required: ['n'],
        properties: {
          median: { type: 'number', nullable: true },
          n: { type: 'integer' },
        },
      },
      Restore: {
        allOf: [
          { $ref: '#/components/schemas/Duration' },
          {
            type: 'object',
            required: ['open', 'median'],
            properties: { open: { type: 'integer' } },
          },
        ],
      },
    });
    expect(props(r, 'Restore')).toEqual([
      'median: number | null',
      'n: number',
      'open: number',
    ]);
    expect(r.models.get('Restore')?.kind).toBe('interface');
  });

  it('reads a single-part allOf as its part', () => {
    const { type, imports } = typeOf(
      { allOf: [{ $ref: '#/components/schemas/Tier' }], nullable: true },
      { Tier: { type: 'string', enum: ['elite'] } },
    );
    expect(type).toBe('Tier | null');
    expect(imports).toEqual(['Tier']);
  });

  it('adds an index signature for additionalProperties beside properties', () => {
    const r = registry({
      Open: {
        type: 'object',
        additionalProperties: {},
        properties: { a: { type: 'string' } },
      },
      Typed: {
        type: 'object',
        additionalProperties: { type: 'number' },
        properties: { a: { type: 'number' } },
      },
      Closed: {
        type: 'object',
        additionalProperties: false,
        properties: { a: { type: 'string' } },
      },
    });
    expect((r.models.get('Open') as InterfaceModel).indexSignature).toBe('any');
    expect((r.models.get('Typed') as InterfaceModel).indexSignature).toBe(
      'number',
    );
    expect(
      (r.models.get('Closed') as InterfaceModel).indexSignature,
    ).toBeUndefined();
  });

  it('models component enums, unions and nullable objects', () => {
    const r = registry({
      Tier: {
        type: 'string',
        description: 'A tier.',
        enum: ['elite', 'insufficient-data'],
      },
      Value: {
        oneOf: [{ $ref: '#/components/schemas/Tier' }, { type: 'integer' }],
      },
      MaybeEntity: {
        type: 'object',
        nullable: true,
        properties: { name: { type: 'string' } },
      },
    });
    expect(r.models.get('Tier')).toEqual({
      kind: 'enum',
      name: 'Tier',
      description: 'A tier.',
      values: ['elite', 'insufficient-data'],
    });
    expect(r.models.get('Value')).toMatchObject({
      kind: 'alias',
      type: 'Tier | number',
    });
    expect(r.models.get('MaybeEntity')).toMatchObject({
      kind: 'interface',
      nullable: true,
    });
  });

  it('refuses an inline object where no name can be derived', () => {
    const r = registry({});
    expect(() =>
      r.typeOf(
        { type: 'object', properties: { a: { type: 'string' } } },
        new Set(),
      ),
    ).toThrow(/an inline object needs a name/);
  });
});
