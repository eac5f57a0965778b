// Writes old.json and new.json, the two matrix reports this example diffs, from old/snapshot.json and
// new/snapshot.json: every role × model of the account, as `policy-check scan --format json` reports it.
// Until `scan` is on the command line this runs the same library code; regenerate after a change to the
// analysis or the matrix report (test/examples checks that the committed pair is current):
//   npm run build && node policies-examples/diff-scp-region-deny/make-matrices.mjs
import { writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const lib = join(here, '..', '..', 'dist', 'lib');
const { formatMatrixJson, matrix, normalizeActions } = await import(join(lib, 'index.js'));
const { loadAccountFiles } = await import(join(lib, 'sources', 'snapshot', 'load-snapshot.js'));

export const MATRIX_OPTIONS = {
  region: 'us-east-1',
  models: ['amazon.nova-pro-v1:0', 'us.anthropic.claude-sonnet-4-5-20250929-v1:0'],
  actions: normalizeActions([]).actions,
  // A fixed clock: the pair must not change with the day it is regenerated on.
  now: new Date('2026-06-01T00:00:00Z'),
  toolVersion: 'example',
};

/** The matrix report of one side, with the snapshot named relative to this folder as a user would run it. */
export function matrixReport(side) {
  const cwd = process.cwd();
  process.chdir(here);
  try {
    return formatMatrixJson(matrix(loadAccountFiles([join(side, 'snapshot.json')]), MATRIX_OPTIONS));
  } finally {
    process.chdir(cwd);
  }
}

if (process.argv[1] && relative(process.argv[1], fileURLToPath(import.meta.url)) === '') {
  for (const side of ['old', 'new']) writeFileSync(join(here, `${side}.json`), matrixReport(side));
}
