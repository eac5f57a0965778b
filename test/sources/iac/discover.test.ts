import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { discoverFiles } from '../../../src/sources/iac/discover.js';

let root: string;
afterEach(() => rmSync(root, { recursive: true, force: true }));

function repository(files: Record<string, string>): string {
  root = mkdtempSync(join(tmpdir(), 'policy-check-discover-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

const none = { include: [], exclude: [] };

describe('discoverFiles', () => {
  it('skips .git, node_modules and .terraform, and reads cdk.out only through its manifest', () => {
    const directory = repository({
      'main.tf': '',
      'modules/app/main.tf': '',
      '.git/config': '',
      'node_modules/x/index.js': '',
      '.terraform/modules/m/main.tf': '',
      'cdk.out/manifest.json': JSON.stringify({
        artifacts: {
          App: { type: 'aws:cloudformation:stack', properties: { templateFile: 'App.template.json' } },
          Escape: { type: 'aws:cloudformation:stack', properties: { templateFile: '../outside.json' } },
          Tree: { type: 'cdk:tree', properties: { file: 'tree.json' } },
        },
      }),
      'cdk.out/App.template.json': '{}',
      'cdk.out/Stale.template.json': '{}',
      'cdk.out/asset.1234/index.js': '',
    });
    expect(discoverFiles(directory, none)).toEqual([
      'cdk.out/App.template.json',
      'cdk.out/manifest.json',
      'main.tf',
      'modules/app/main.tf',
    ]);
  });

  it('keeps only what include matches and drops what exclude matches', () => {
    const directory = repository({ 'infra/a.tf': '', 'infra/sandbox/b.tf': '', 'other/c.tf': '', '.hidden/d.tf': '' });
    expect(discoverFiles(directory, { include: ['infra/**'], exclude: ['**/sandbox/**'] })).toEqual(['infra/a.tf']);
    expect(discoverFiles(directory, { include: [], exclude: ['other/*'] })).toEqual([
      '.hidden/d.tf',
      'infra/a.tf',
      'infra/sandbox/b.tf',
    ]);
  });

  it('does not follow symbolic links', () => {
    const directory = repository({ 'a.tf': '' });
    symlinkSync(directory, join(directory, 'loop'));
    symlinkSync('/etc/hostname', join(directory, 'outside.tf'));
    expect(discoverFiles(directory, none)).toEqual(['a.tf']);
  });
});
