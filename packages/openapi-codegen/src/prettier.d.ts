// prettier 2 ships no type definitions; the generator uses these two calls.
declare module 'prettier' {
  export function format(
    source: string,
    options: Record<string, unknown>,
  ): string;
  export const resolveConfig: {
    sync(filePath: string): Record<string, unknown> | null;
  };
}
