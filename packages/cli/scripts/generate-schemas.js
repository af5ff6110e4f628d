#!/usr/bin/env node
/*
 * Rewrites src/schema/recordSchemas.json from the backend's OpenAPI spec,
 * formatted as the repository's prettier config wants it (a development
 * script: `yarn workspace @platform-metrics/cli schema:generate`).
 */
require('@backstage/cli/config/nodeTransform.cjs');
const fs = require('node:fs');
const path = require('node:path');
const prettier = require('prettier');
const { parse } = require('yaml');
const { extractRecordSchemas } = require('../src/schema/extract');

const specPath = path.join(
  path.dirname(
    require.resolve(
      '@platform-metrics/plugin-platform-metrics-backend/package.json',
    ),
  ),
  'src/schema/openapi.yaml',
);
const out = path.resolve(__dirname, '../src/schema/recordSchemas.json');
const schemas = extractRecordSchemas(parse(fs.readFileSync(specPath, 'utf8')));
const text = prettier.format(JSON.stringify(schemas), {
  ...prettier.resolveConfig.sync(out),
  filepath: out,
});
fs.writeFileSync(out, text);
process.stderr.write(`wrote ${out}\n`);
