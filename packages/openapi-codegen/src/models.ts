import {
  TYPE_MAPPED_REFERENCES,
  literal,
  modelName,
  pascalCase,
  uniqueName,
} from './naming';
import {
  OpenApiDocument,
  SchemaObject,
  resolvePointer,
  schemaRefName,
} from './spec';

/*
 * Schema → TypeScript type conversion, with the models the conversion needs.
 *
 * The shapes follow openapi-generator's `typescript` generator with
 * @backstage/repo-tools' templates (`model.mustache`, `modelGeneric`,
 * `modelEnum`, `modelOneOf`):
 * - a component with properties is an `interface` (a nullable one a
 *   `type X = {...} | null`); `allOf` parts are flattened into it;
 * - a component enum is a union type of its values;
 * - a component `oneOf` / `anyOf` is a union type of its members;
 * - components that are only a primitive, an array or a map get no model:
 *   where they are referenced their type is written out;
 * - an inline object is hoisted into a model of its own, named after where it
 *   stands: `<Model><Property>`, `<Model><Property>Inner` for array items,
 *   `<Operation>Request` for a body, `<Operation><status>Response` for a
 *   response;
 * - an inline enum of a property is a `<Model><Property>Enum` union type
 *   declared beside its model; other inline enums are written out;
 * - `nullable: true` (3.0), `type: [..., 'null']` and a `null` member of a
 *   `oneOf`/`anyOf` (3.1) add `| null`;
 * - `format: date` / `date-time` is `Date`, as openapi-generator types them
 *   (so JSON timestamps are better left as plain strings with a pattern).
 */

export interface PropertyModel {
  name: string;
  type: string;
  required: boolean;
  description?: string;
}

export interface InterfaceModel {
  kind: 'interface';
  name: string;
  description?: string;
  properties: PropertyModel[];
  /** The value type of an index signature, from `additionalProperties`. */
  indexSignature?: string;
  nullable: boolean;
  /** Inline enums of properties, declared beside the model. */
  enums: Array<{ name: string; values: unknown[] }>;
  imports: Set<string>;
}

export interface EnumModel {
  kind: 'enum';
  name: string;
  description?: string;
  values: unknown[];
}

export interface AliasModel {
  kind: 'alias';
  name: string;
  description?: string;
  type: string;
  imports: Set<string>;
}

export type Model = InterfaceModel | EnumModel | AliasModel;

/** Where a schema stands: the name a hoisted inline object gets, and the name of a property enum. */
export interface TypeContext {
  hoistAs?: string;
  enumAs?: (values: unknown[]) => string;
}

function isNullSchema(s: SchemaObject): boolean {
  return (
    s.type === 'null' ||
    (Array.isArray(s.enum) && s.enum.length === 1 && s.enum[0] === null)
  );
}

function hasProperties(s: SchemaObject): boolean {
  return !!s.properties && Object.keys(s.properties).length > 0;
}

/** A schema that becomes a model of its own when it is a component. */
function isModelSchema(s: SchemaObject): boolean {
  return (
    hasProperties(s) ||
    Array.isArray(s.enum) ||
    (Array.isArray(s.allOf) && s.allOf.length > 1) ||
    Array.isArray(s.oneOf) ||
    Array.isArray(s.anyOf)
  );
}

/** Whether null is allowed by the schema itself (3.0 `nullable`, 3.1 type list, or a null enum value). */
function allowsNull(s: SchemaObject): boolean {
  return (
    s.nullable === true ||
    (Array.isArray(s.type) && s.type.includes('null')) ||
    (Array.isArray(s.enum) && s.enum.includes(null))
  );
}

const withNull = (type: string, nullable: boolean) =>
  nullable ? `${type} | null` : type;

/** Builds the models of a document and converts schemas to TypeScript types. */
export class ModelRegistry {
  readonly models = new Map<string, Model>();
  private readonly componentNames = new Map<string, string>();
  private readonly taken = new Set<string>();

  constructor(private readonly doc: OpenApiDocument) {
    const schemas = doc.components?.schemas ?? {};
    for (const [name, schema] of Object.entries(schemas)) {
      if (!isModelSchema(schema)) continue;
      const ts = uniqueName(modelName(name), this.taken);
      this.taken.add(ts);
      this.componentNames.set(name, ts);
    }
    for (const [name, schema] of Object.entries(schemas)) {
      const ts = this.componentNames.get(name);
      // inline objects are named after the schema name, not its model name: ErrorError
      if (ts) this.buildModel(ts, schema, pascalCase(name));
    }
  }

  /** The models, by name. */
  sortedModels(): Model[] {
    return [...this.models.values()].sort((a, b) => (a.name < b.name ? -1 : 1));
  }

  /** The TypeScript type of `schema`; models it refers to are added to `imports`. */
  typeOf(
    schema: SchemaObject,
    imports: Set<string>,
    ctx: TypeContext = {},
  ): string {
    if (schema.$ref) return this.refType(schema.$ref, imports);
    const nullable = allowsNull(schema);

    if (Array.isArray(schema.enum)) {
      const values = schema.enum.filter(v => v !== null);
      if (values.length === 0) return 'null';
      const type = ctx.enumAs
        ? ctx.enumAs(values)
        : values.map(literal).join(' | ');
      return withNull(type, nullable);
    }
    if (schema.allOf && schema.allOf.length === 1 && !hasProperties(schema)) {
      return withNull(this.typeOf(schema.allOf[0], imports, ctx), nullable);
    }
    if (schema.allOf || hasProperties(schema)) {
      return withNull(this.hoist(schema, imports, ctx), nullable);
    }
    const members = schema.oneOf ?? schema.anyOf;
    if (members) {
      const nonNull = members.filter(m => !isNullSchema(m));
      const union = nonNull.map((m, i) =>
        this.typeOf(m, imports, {
          hoistAs: ctx.hoistAs && `${ctx.hoistAs}OneOf${i === 0 ? '' : i}`,
        }),
      );
      return withNull(
        union.join(' | ') || 'any',
        nullable || nonNull.length < members.length,
      );
    }

    const types = (
      Array.isArray(schema.type) ? schema.type : [schema.type]
    ).filter(t => t !== 'null');
    const parts = types.map(t => this.primitiveType(t, schema, imports, ctx));
    return withNull(parts.join(' | '), nullable);
  }

  private primitiveType(
    type: string | undefined,
    schema: SchemaObject,
    imports: Set<string>,
    ctx: TypeContext,
  ): string {
    switch (type) {
      case 'string':
        return schema.format === 'date' || schema.format === 'date-time'
          ? 'Date'
          : 'string';
      case 'integer':
      case 'number':
        return 'number';
      case 'boolean':
        return 'boolean';
      case 'array': {
        const items = schema.items ?? {};
        const inner = this.typeOf(items, imports, {
          hoistAs: ctx.hoistAs && `${ctx.hoistAs}Inner`,
          enumAs: ctx.enumAs,
        });
        return `Array<${inner}>`;
      }
      case 'object':
      case undefined: {
        const ap = schema.additionalProperties;
        if (ap === undefined) return 'any';
        if (ap === false) return '{}';
        const value =
          ap === true || Object.keys(ap).length === 0
            ? 'any'
            : this.typeOf(ap, imports, {});
        return `{ [key: string]: ${value} }`;
      }
      default:
        throw new Error(`unsupported schema type ${JSON.stringify(type)}`);
    }
  }

  private refType(ref: string, imports: Set<string>): string {
    const component = schemaRefName(ref);
    const mapped = TYPE_MAPPED_REFERENCES[component];
    if (mapped) return mapped;
    const name = this.componentNames.get(component);
    if (name) {
      imports.add(name);
      return name;
    }
    // a primitive, array or map component: written out where referenced
    return this.typeOf(resolvePointer(this.doc, ref) as SchemaObject, imports);
  }

  /** Hoists an inline object (or `allOf`) into a model of its own and returns its name. */
  private hoist(
    schema: SchemaObject,
    imports: Set<string>,
    ctx: TypeContext,
  ): string {
    if (!ctx.hoistAs) {
      throw new Error(
        `an inline object needs a name; give it one under components.schemas (${JSON.stringify(
          schema,
        ).slice(0, 80)})`,
      );
    }
    const name = uniqueName(modelName(ctx.hoistAs), this.taken);
    this.taken.add(name);
    this.buildModel(name, { ...schema, nullable: false, type: 'object' });
    imports.add(name);
    return name;
  }

  private buildModel(name: string, schema: SchemaObject, prefix = name) {
    if (Array.isArray(schema.enum)) {
      this.models.set(name, {
        kind: 'enum',
        name,
        description: schema.description,
        values: schema.enum,
      });
      return;
    }
    if ((schema.oneOf || schema.anyOf) && !hasProperties(schema)) {
      const imports = new Set<string>();
      const type = this.typeOf(schema, imports, { hoistAs: prefix });
      imports.delete(name);
      this.models.set(name, {
        kind: 'alias',
        name,
        description: schema.description,
        type,
        imports,
      });
      return;
    }
    this.models.set(name, this.buildInterface(name, schema, prefix));
  }

  private buildInterface(
    name: string,
    schema: SchemaObject,
    prefix: string,
  ): InterfaceModel {
    const model: InterfaceModel = {
      kind: 'interface',
      name,
      description: schema.description,
      properties: [],
      nullable: allowsNull(schema),
      enums: [],
      imports: new Set(),
    };
    // reserve the model before its properties, which may hoist models of their own
    this.models.set(name, model);
    const { properties, required, additionalProperties } = this.flatten(schema);
    for (const [prop, propSchema] of properties) {
      const type = this.typeOf(propSchema, model.imports, {
        hoistAs: `${prefix}${pascalCase(prop)}`,
        enumAs: values => {
          const enumName = `${prefix}${pascalCase(prop)}Enum`;
          model.enums.push({ name: enumName, values });
          return enumName;
        },
      });
      model.properties.push({
        name: prop,
        type,
        required: required.has(prop),
        description: this.propertyDescription(propSchema),
      });
    }
    if (additionalProperties !== undefined && additionalProperties !== false) {
      model.indexSignature =
        additionalProperties === true ||
        Object.keys(additionalProperties).length === 0
          ? 'any'
          : this.typeOf(additionalProperties, model.imports, {});
    }
    model.imports.delete(name);
    return model;
  }

  /** Properties, required names and additional properties of a schema and its `allOf` parts. */
  private flatten(schema: SchemaObject) {
    const properties = new Map<string, SchemaObject>();
    const required = new Set<string>();
    let additionalProperties: SchemaObject['additionalProperties'];
    const visit = (s: SchemaObject, seen: Set<string>) => {
      if (s.$ref) {
        if (seen.has(s.$ref))
          throw new Error(`circular allOf through ${s.$ref}`);
        visit(
          resolvePointer(this.doc, s.$ref) as SchemaObject,
          new Set([...seen, s.$ref]),
        );
        return;
      }
      for (const part of s.allOf ?? []) visit(part, seen);
      for (const [k, v] of Object.entries(s.properties ?? {}))
        properties.set(k, v);
      for (const r of s.required ?? []) required.add(r);
      if (
        s.additionalProperties !== undefined &&
        additionalProperties === undefined
      ) {
        additionalProperties = s.additionalProperties;
      }
    };
    visit(schema, new Set());
    return { properties, required, additionalProperties };
  }

  /** A property's own description; for a reference written out, the referenced schema's. */
  private propertyDescription(s: SchemaObject): string | undefined {
    if (s.description) return s.description;
    if (s.$ref && !this.componentNames.has(schemaRefName(s.$ref))) {
      return (resolvePointer(this.doc, s.$ref) as SchemaObject).description;
    }
    return undefined;
  }
}
