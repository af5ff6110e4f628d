/* eslint-disable no-console */
import fs from 'node:fs';
import path from 'node:path';
import { generateOrg } from './org';
import { renderCatalogYaml } from './catalogYaml';

/** Directory of the demo catalog files, `examples/` at the repository root. */
export const EXAMPLES_DIR = path.resolve(__dirname, '..', '..', '..', 'examples');

export async function main(argv: string[]): Promise<number> {
  const [command] = argv;
  if (command === 'yaml') {
    const files = renderCatalogYaml(generateOrg());
    for (const [name, text] of Object.entries(files)) {
      fs.writeFileSync(path.join(EXAMPLES_DIR, name), text);
      console.error(`wrote ${path.join(EXAMPLES_DIR, name)}`);
    }
    return 0;
  }
  console.error('usage: platform-metrics-demo-data yaml');
  return 2;
}
