// Writes old.json and new.json, the two matrix reports this example diffs, from old/snapshot.json and
// new/snapshot.json: every role × model of the account, as `policy-check scan --format json` reports it
// when run from the repository root (the options are in matrix-options.json; the clock is fixed so the
// pair does not change with the day it is made on). Until `scan` is on the command line this runs the
// same library code. test/examples/diff-pair.test.ts fails while the committed pair is not current:
//   npm run build && node policies-examples/diff-scp-region-deny/make-matrices.mjs
import { readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const folder = relative(root, fileURLToPath(new URL('.', import.meta.url)));
const { formatMatrixJson, matrix, normalizeActions } = await import(join(root, 'dist', 'lib', 'index.js'));
const { loadAccountFiles } = await import(join(root, 'dist', 'lib', 'sources', 'snapshot', 'load-snapshot.js'));

process.chdir(root);
const options = JSON.parse(readFileSync(join(folder, 'matrix-options.json'), 'utf8'));
for (const side of ['old', 'new']) {
  const accounts = loadAccountFiles([join(folder, side, 'snapshot.json')]);
  const report = matrix(accounts, { ...options, actions: normalizeActions([]).actions, now: new Date(options.now) });
  writeFileSync(join(folder, `${side}.json`), formatMatrixJson(report));
}
