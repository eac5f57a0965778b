// Notes, assumptions, unresolved entries and what a denial depends on are data (model/notes.ts): below
// cli/ and report/ no sentence goes into them. Every src file outside those two layers is parsed with the
// TypeScript compiler; a string literal or template of four words or more anywhere in what is pushed or
// added to such a list, or in the value of a property or variable of that name, is a violation (file:line).
import { readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { proseSites as proseSitesNamed, SRC, sourceFiles } from './prose-sites.js';

const LISTS = new Set(['notes', 'assumptions', 'unresolved', 'dependsOn', 'assumption']);
const WORDED_LAYERS = new Set(['cli', 'report']);

/** Every place prose enters a note, assumption, unresolved entry or dependsOn in `text`, as line numbers. */
function proseSites(text: string, fileName = 'file.ts'): number[] {
  return proseSitesNamed(text, LISTS, fileName);
}

describe('notes, assumptions, unresolved entries and dependsOn are data below cli/ and report/', () => {
  it('no prose goes into them', () => {
    const violations = sourceFiles()
      .map((file) => relative(SRC, file).split(sep).join('/'))
      .filter((file) => !WORDED_LAYERS.has(file.split('/')[0]!))
      .flatMap((file) => proseSites(readFileSync(join(SRC, file), 'utf8'), file).map((line) => `src/${file}:${line}`));
    expect(violations).toEqual([]);
  });

  it('finds prose pushed, added or assigned, and lets codes and parameters through', () => {
    const planted = [
      "notes.push('the caller is the account root user');",
      'assumptions.push(`SCPs are assumed at ${level} and everywhere`);',
      "const unresolved = [message('x'), 'the model could not be expanded'];",
      "result.notes.add(message('code', { text: 'a sentence smuggled as a parameter' }));",
      "return { dependsOn: 'depending on the caller account' };",
      "notes.push(message('root-user', { policiesIgnored: true }));",
      "assumptions.push(message('region-from', { source, region: 'us-east-1' }));",
      "const notes = [message('expansion-note', { text })];",
    ].join('\n');
    expect(proseSites(planted)).toEqual([1, 2, 3, 4, 5]);
  });
});
