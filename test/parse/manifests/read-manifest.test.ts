import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isManifestFile, readManifest } from '../../../src/parse/manifests/read-manifest.js';

const FIXTURES = fileURLToPath(new URL('../../fixtures/iac/code/', import.meta.url));

/** Each requirement as `name kind spec → lowest @line:column`. */
function read(path: string, asRequirements = false) {
  const content = readManifest(path, readFileSync(join(FIXTURES, path), 'utf8'), asRequirements);
  return {
    requirements: content.requirements.map(
      (r) =>
        `${r.name} ${r.kind} ${r.spec} → ${r.lowest}${r.marker ? ` ; ${r.marker}` : ''} @${r.at.line}:${r.at.column}`,
    ),
    includes: content.includes,
    issues: content.issues,
  };
}

describe('readManifest', () => {
  it('reads requirements files: includes, extras, markers, hashes and continuation lines', () => {
    expect(read('requirements/requirements.txt')).toEqual({
      requirements: [
        'boto3 exact ==1.26.0 → 1.26.0 ; python_version >= "3.8" @3:1',
        'requests range >=2.31 → 2.31 @4:1',
      ],
      includes: [{ path: 'requirements/common/base.txt', line: 2 }],
      issues: [],
    });
    expect(read('requirements/common/base.txt', true).requirements).toEqual(['botocore range >=1.29,<2 → 1.29 @1:1']);
    expect(read('requirements/requirements-dev.txt').requirements).toEqual(['boto3 range ~=1.34.116 → 1.34.116 @1:1']);
  });

  it('reads PEP 621 dependencies and optional dependencies at the line of each string', () => {
    expect(read('pyproject-pep621/pyproject.toml').requirements).toEqual([
      'requests range >=2 → 2 @5:3',
      'boto3 range >=1.20,<2 → 1.20 @6:3',
      'botocore range >1.34.115 → 1.34.116 @10:8',
    ]);
  });

  it('reads Poetry caret and tilde constraints and poetry.lock / uv.lock versions', () => {
    expect(read('poetry/pyproject.toml').requirements).toEqual([
      'boto3 range ^1.26 → 1.26 @7:1',
      'botocore range ~1.29 → 1.29 @8:1',
    ]);
    expect(read('poetry/poetry.lock').requirements).toEqual([
      'boto3 lock 1.34.120 → 1.34.120 @5:1',
      'botocore lock 1.29.0 → 1.29.0 @15:1',
    ]);
    expect(read('uv/uv.lock').requirements).toEqual([
      'app lock 0.1.0 → 0.1.0 @6:1',
      'boto3 lock 1.28.0 → 1.28.0 @11:1',
    ]);
  });

  it('reads Pipfile.lock, package.json, package-lock.json v3, pnpm-lock.yaml v9 and both yarn.lock formats', () => {
    expect(read('pipenv/Pipfile.lock').requirements).toEqual(['boto3 lock ==1.33.0 → 1.33.0 @10:24']);
    expect(read('npm-lock/package.json').requirements).toEqual([
      '@aws-sdk/client-bedrock-runtime range ^3.400.0 → 3.400.0 @4:5',
    ]);
    expect(read('npm-lock/package-lock.json').requirements).toEqual([
      '@aws-sdk/client-bedrock-runtime lock 3.500.0 → 3.500.0 @13:18',
    ]);
    expect(read('pnpm/pnpm-lock.yaml').requirements).toEqual([
      '@aws-sdk/client-bedrock-runtime lock 3.450.0 → 3.450.0 @12:3',
    ]);
    expect(read('yarn-v1/yarn.lock').requirements).toEqual([
      '@aws-sdk/client-bedrock-runtime lock 3.430.0 → 3.430.0 @6:3',
      'tslib lock 2.6.2 → 2.6.2 @12:3',
    ]);
    expect(read('yarn-berry/yarn.lock').requirements).toEqual([
      '@aws-sdk/client-bedrock-runtime lock 3.600.0 → 3.600.0 @9:12',
    ]);
  });

  it('reads pnpm-lock.yaml v6 keys and npm aliases', () => {
    const v6 =
      "lockfileVersion: '6.0'\npackages:\n  /@aws-sdk/client-bedrock-runtime@3.500.0(@aws-sdk/x@1.0.0):\n    resolution: {}\n";
    expect(readManifest('pnpm-lock.yaml', v6).requirements.map((r) => `${r.name}@${r.lowest}:${r.at.line}`)).toEqual([
      '@aws-sdk/client-bedrock-runtime@3.500.0:3',
    ]);
    const alias = '{"dependencies": {"runtime": "npm:@aws-sdk/client-bedrock-runtime@^3.500.0"}}';
    expect(readManifest('package.json', alias).requirements.map((r) => `${r.name} ${r.lowest}`)).toEqual([
      '@aws-sdk/client-bedrock-runtime 3.500.0',
    ]);
  });

  it('reports unreadable files as errors at their line, never throwing', () => {
    expect(readManifest('a/pyproject.toml', '[project]\ndependencies = [\n"boto3",\n=]\n').issues).toEqual([
      expect.objectContaining({ severity: 'error', file: 'a/pyproject.toml', line: 4, code: 'toml-syntax' }),
    ]);
    expect(readManifest('pnpm-lock.yaml', 'packages:\n  a: [\n').issues).toEqual([
      expect.objectContaining({ severity: 'error', line: 3, code: 'yaml-syntax' }),
    ]);
    expect(readManifest('package-lock.json', '{"packages": {,}}').issues).toEqual([
      expect.objectContaining({ severity: 'error', line: 1, code: 'json-syntax' }),
    ]);
    expect(readManifest('requirements.txt', '%% boto3\n').issues).toEqual([
      expect.objectContaining({ severity: 'warning', line: 1, code: 'requirement-syntax' }),
    ]);
  });

  it('knows manifests by file name', () => {
    expect(
      [
        'requirements-prod.txt',
        'a/poetry.lock',
        'uv.lock',
        'Pipfile.lock',
        'pnpm-lock.yaml',
        'yarn.lock',
        'setup.py',
      ].map(isManifestFile),
    ).toEqual([true, true, true, true, true, true, false]);
  });
});
