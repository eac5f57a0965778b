// Rewrites the README's option tables of check and scan (between their markers) from the options table, src/cli/options.ts.
// Run after `npm run build`: it reads the compiled dist/lib. test/cli/readme-options.test.ts fails
// while the README is not current.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readmeMarkers, readmeOptionTable } from '../dist/lib/cli/options-readme.js';

const readmePath = join(dirname(fileURLToPath(import.meta.url)), '..', 'README.md');
const readme = readFileSync(readmePath, 'utf8');
let updated = readme;
for (const command of ['check', 'scan']) {
  const { begin, end } = readmeMarkers(command);
  const from = updated.indexOf(begin);
  const to = updated.indexOf(end);
  if (from < 0 || to < from) throw new Error(`README.md has no ${begin} … ${end} section`);
  updated = `${updated.slice(0, from + begin.length)}\n${readmeOptionTable(command)}\n${updated.slice(to)}`;
}
if (updated !== readme) writeFileSync(readmePath, updated);
