// Rewrites each of the README's option tables (between its markers) from the options table,
// src/cli/options.ts: every command whose `<!-- options:COMMAND … -->` marker the README holds.
// Run after `npm run build`: it reads the compiled dist/lib. test/cli/readme-options.test.ts fails
// while the README is not current.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readmeMarkers, readmeOptionTable } from '../dist/lib/cli/options-readme.js';

const readmePath = join(dirname(fileURLToPath(import.meta.url)), '..', 'README.md');
const original = readFileSync(readmePath, 'utf8');
const commands = [...original.matchAll(/<!-- options:([a-z-]+) \(generated/g)].map((match) => match[1]);
if (!commands.includes('check')) throw new Error('README.md has no <!-- options:check … --> section');
let readme = original;
for (const command of commands) {
  const { begin, end } = readmeMarkers(command);
  const from = readme.indexOf(begin);
  const to = readme.indexOf(end);
  if (from < 0 || to < from) throw new Error(`README.md has no ${begin} … ${end} section`);
  readme = `${readme.slice(0, from + begin.length)}\n${readmeOptionTable(command)}\n${readme.slice(to)}`;
}
if (readme !== original) writeFileSync(readmePath, readme);
