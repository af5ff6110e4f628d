import { Model } from '../models';
import { docComment, literal, propertyKey } from '../naming';
import { HEADER } from './header';

/** `import { X } from '../models/X.model';` lines, sorted. */
export function modelImports(
  names: Iterable<string>,
  exclude?: string,
): string {
  return [...new Set(names)]
    .filter(n => n !== exclude)
    .sort()
    .map(n => `import { ${n} } from '../models/${n}.model';\n`)
    .join('');
}

function publicDoc(description?: string): string {
  return docComment([description, '@public']);
}

/** The body of `models/<Name>.model.ts` (as `model.mustache` lays it out). */
export function renderModel(model: Model): string {
  let out = HEADER;
  if (model.kind === 'enum') {
    out += `\n${publicDoc(model.description)}export type ${
      model.name
    } = ${model.values.map(literal).join(' | ')};\n`;
    return out;
  }
  out += modelImports(model.imports, model.name);
  if (model.kind === 'alias') {
    out += `\n${publicDoc(model.description)}export type ${model.name} = ${
      model.type
    };\n`;
    return out;
  }
  const members: string[] = [];
  if (model.indexSignature)
    members.push(`  [key: string]: ${model.indexSignature};\n`);
  for (const p of model.properties) {
    members.push(
      `${docComment([p.description], '  ')}  ${propertyKey(p.name)}${
        p.required ? '' : '?'
      }: ${p.type};\n`,
    );
  }
  const body = `{\n${members.join('')}}`;
  out += `\n${publicDoc(model.description)}`;
  out += model.nullable
    ? `export type ${model.name} = ${body} | null;\n`
    : `export interface ${model.name} ${body}\n`;
  for (const e of model.enums) {
    out += `\n${publicDoc()}export type ${e.name} = ${e.values
      .map(literal)
      .join(' | ')};\n`;
  }
  return out;
}

/** `models/index.ts`: every model, by name. */
export function renderModelIndex(models: Model[]): string {
  return `${HEADER}\n${models
    .map(m => m.name)
    .sort()
    .map(n => `export * from '../models/${n}.model';\n`)
    .join('')}`;
}
