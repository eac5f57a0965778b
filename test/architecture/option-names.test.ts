// Issue 7: no CLI option names below cli/ and report/. A live scan or a library caller has no
// --principal: the layers that analyse write a hint (model/cli-hint.ts) and the front end words it.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { KNOWN_OPTIONS } from '../../src/cli/options.js';

const SRC = fileURLToPath(new URL('../../src/', import.meta.url));
const FRONT_ENDS = ['cli/', 'report/'];
// Generated from the JSON schemas, whose descriptions document the files the options read.
const GENERATED = 'parse/generated/';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sourceFiles(join(dir, entry.name))
      : entry.name.endsWith('.ts')
        ? [join(dir, entry.name)]
        : [],
  );
}

/** Code lines only: comments may name options to explain where a value comes from. */
function codeLines(text: string): { line: number; code: string }[] {
  const withoutBlocks = text.replace(/\/\*[\s\S]*?\*\//g, (block) => block.replace(/[^\n]/g, ' '));
  return withoutBlocks
    .split('\n')
    .map((code, index) => ({ line: index + 1, code: code.replace(/^\s*\/\/.*$/, '') }))
    .filter(({ code }) => code.trim() !== '');
}

// Commands of other tools (the AWS CLI, pip) have options of their own; they are advice, not ours.
const OTHER_TOOLS = /\b(aws [a-z0-9-]+ [a-z0-9-]+|pip install)\b/;

describe('CLI option names', () => {
  it('appear only in cli/ and report/', () => {
    const option = new RegExp(`--(${KNOWN_OPTIONS.join('|')})\\b`);
    const offenders: string[] = [];
    for (const file of sourceFiles(SRC)) {
      const name = relative(SRC, file).split(sep).join('/');
      if ([...FRONT_ENDS, GENERATED].some((prefix) => name.startsWith(prefix))) continue;
      const lines = codeLines(readFileSync(file, 'utf8'));
      lines.forEach(({ line, code }, index) => {
        // A command of another tool may go on over the next line of a concatenated string.
        const command = `${lines[index - 1]?.code ?? ''} ${code}`;
        if (option.test(code) && !OTHER_TOOLS.test(command)) offenders.push(`${name}:${line}: ${code.trim()}`);
      });
    }
    expect(offenders).toEqual([]);
  });
});
