// Rewrites the README's option table (between its markers) from the options table, src/cli/options.ts.
// Run after `npm run build`: it reads the compiled dist/lib. test/cli/readme-options.test.ts fails
// while the README is not current.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readmeMarkers, readmeOptionTable } from '../dist/lib/cli/options-readme.js';

const readmePath = join(dirname(fileURLToPath(import.meta.url)), '..', 'README.md');
const readme = readFileSync(readmePath, 'utf8');
const { begin, end } = readmeMarkers('check');
const from = readme.indexOf(begin);
const to = readme.indexOf(end);
if (from < 0 || to < from) throw new Error(`README.md has no ${begin} … ${end} section`);
const updated = `${readme.slice(0, from + begin.length)}\n${readmeOptionTable('check')}\n${readme.slice(to)}`;
if (updated !== readme) writeFileSync(readmePath, updated);
