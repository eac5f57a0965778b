import {
  chmodSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InputError } from '../../src/sources/input-error.js';
import { writeOutputFile } from '../../src/cli/output-file.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'policy-check-output-'));
});
afterEach(() => {
  chmodSync(dir, 0o755);
  rmSync(dir, { recursive: true, force: true });
});

describe('writeOutputFile', () => {
  it('replaces the previous report whole and leaves no temporary file', () => {
    const target = join(dir, 'report.json');
    writeFileSync(target, 'previous');
    chmodSync(target, 0o640);
    writeOutputFile(target, 'new report', []);
    expect(readFileSync(target, 'utf8')).toBe('new report');
    expect(readdirSync(dir)).toEqual(['report.json']);
    expect(statSync(target).mode & 0o777).toBe(0o640);
  });

  it('writes through a symbolic link to the file it points to, keeping the link', () => {
    const real = join(dir, 'real.json');
    writeFileSync(real, 'previous');
    symlinkSync(real, join(dir, 'link.json'));
    writeOutputFile(join(dir, 'link.json'), 'new', []);
    expect(lstatSync(join(dir, 'link.json')).isSymbolicLink()).toBe(true);
    expect(readFileSync(real, 'utf8')).toBe('new');
  });

  it('a directory as target is an error that leaves nothing behind', () => {
    mkdirSync(join(dir, 'out'));
    expect(() => writeOutputFile(join(dir, 'out'), 'x', [])).toThrow(InputError);
    expect(readdirSync(dir)).toEqual(['out']);
  });

  // root writes anywhere, so the failure needs an ordinary user.
  it.skipIf(process.getuid?.() === 0)('a failed write leaves the previous report intact', () => {
    const target = join(dir, 'report.json');
    writeFileSync(target, 'previous');
    chmodSync(dir, 0o555);
    expect(() => writeOutputFile(target, 'new', [])).toThrow(/cannot write the report \(EACCES\)/);
    expect(readFileSync(target, 'utf8')).toBe('previous');
  });

  it('refuses to overwrite an input file', () => {
    const input = join(dir, 'policy.json');
    writeFileSync(input, '{}');
    expect(() => writeOutputFile(input, 'x', [input])).toThrow(/refusing to overwrite/);
    expect(readFileSync(input, 'utf8')).toBe('{}');
  });
});
