import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isCodeCheckFile, readCodeFiles } from '../../../src/sources/code/read-code-files.js';

const REQUIREMENTS = fileURLToPath(new URL('../../fixtures/iac/code/requirements/', import.meta.url));

describe('readCodeFiles', () => {
  it('reads the given files and the requirements files they include, inside the repository only', async () => {
    const files = await readCodeFiles(REQUIREMENTS, ['requirements.txt', 'requirements-dev.txt']);
    expect(files.map((file) => file.path)).toEqual(['requirements.txt', 'requirements-dev.txt', 'common/base.txt']);
    expect(files[2]?.text).toBe('botocore>=1.29,<2\n');
    const outside = await readCodeFiles(join(REQUIREMENTS, 'common'), ['base.txt', '../requirements.txt']);
    expect(outside.map((file) => file.path)).toEqual(['base.txt']);
  });

  it('knows the files checkCode reads by name', () => {
    expect(['app.py', 'src/a.tsx', 'types.d.ts', 'uv.lock', 'README.md'].map(isCodeCheckFile)).toEqual([
      true,
      true,
      false,
      true,
      false,
    ]);
  });
});
