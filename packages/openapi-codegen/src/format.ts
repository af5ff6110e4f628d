import { format, resolveConfig } from 'prettier';

/**
 * Drops repeated import and export statements (repo-tools' dedupe-imports
 * step), so a model imported by several operations is imported once.
 */
export function deduplicateImports(source: string): string {
  const lines = source.split('\n');
  const seen = new Set<string>();
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const trimmed = line.trim();
    if (!trimmed.startsWith('import ') && !trimmed.startsWith('export * ')) {
      out.push(line);
      continue;
    }
    let end = i;
    if (trimmed.includes('{') && !trimmed.includes('}')) {
      while (end < lines.length && !lines[end].includes('}')) end++;
    }
    const statement = lines
      .slice(i, end + 1)
      .join(' ')
      .replace(/\s+/g, ' ')
      .trim();
    if (!seen.has(statement)) {
      seen.add(statement);
      out.push(...lines.slice(i, end + 1));
    }
    i = end;
  }
  return out.join('\n');
}

/** Formats generated TypeScript with the repository's prettier settings for `filePath`. */
export function formatTypeScript(source: string, filePath: string): string {
  const config = resolveConfig.sync(filePath) ?? {};
  return format(deduplicateImports(source), {
    ...config,
    filepath: filePath,
    parser: 'typescript',
  });
}
