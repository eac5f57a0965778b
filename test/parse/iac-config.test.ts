import { describe, expect, it } from 'vitest';
import { parseIacConfig } from '../../src/parse/index.js';

const FILE = '.policy-check.yml';

describe('parseIacConfig', () => {
  it('reads every section, each entry with its line', () => {
    const text = [
      'region: eu-west-1',
      'account: "111122223333"',
      'organization:',
      '  path: [ou-abcd-11111111]',
      'expect:',
      '  - principal: aws_iam_role.app',
      '    models: [amazon.nova-pro-v1:0]',
      '    access: allowed',
      '    regions: [eu-west-1, eu-central-1]',
      'suppress:',
      '  - rule: broad-grant',
      '    path: legacy/**',
      '    reason: the legacy role goes away in Q3',
      '    expires: 2026-09-30',
      'include: ["infra/**"]',
      'exclude: ["infra/sandbox/**"]',
      'policies:',
      '  - path: iam/*.json',
      '    principal: app',
      '    type: identity',
      'code:',
      '  - path: src/**/*.py',
      '    principal: app',
      '',
    ].join('\n');
    const { config, issues } = parseIacConfig(text, FILE);
    expect(issues).toEqual([]);
    expect(config).toMatchObject({
      file: FILE,
      region: 'eu-west-1',
      account: '111122223333',
      organization: { path: ['ou-abcd-11111111'] },
      expect: [{ principal: 'aws_iam_role.app', access: 'allowed', span: { line: 6, column: 5 } }],
      suppress: [{ rule: 'broad-grant', expires: '2026-09-30', span: { line: 11 } }],
      include: ['infra/**'],
      exclude: ['infra/sandbox/**'],
      policies: [{ path: 'iam/*.json', type: 'identity', span: { line: 18 } }],
      code: [{ path: 'src/**/*.py', principal: 'app', span: { line: 22 } }],
    });
  });

  it('an empty file is an empty config', () => {
    expect(parseIacConfig('', FILE).config).toMatchObject({ expect: [], suppress: [], policies: [] });
  });

  it.each([
    ['account: 011122223333\n', 1, 'account: must be a string: quote it'],
    ['acount: "111122223333"\n', 1, 'unknown key "acount"'],
    [
      'expect:\n  - principal: app\n    models: [m]\n    access: maybe\n',
      4,
      'expect[0].access: must be one of "allowed", "denied"',
    ],
    ['region: us-east\n', 1, 'region: "us-east" is not a Region name'],
    ['suppress:\n  - rule: r\n    path: p\n    reason: x\n    expires: 2026-13-01\n', 5, 'is no calendar date'],
    ['a: 1\na: 2\n', 1, 'Map keys must be unique'],
  ])('%j: an error at line %i', (text, line, message) => {
    const { config, issues } = parseIacConfig(text, FILE);
    expect(config).toBeUndefined();
    expect(issues[0]).toMatchObject({ severity: 'error', file: FILE, line });
    expect(issues[0]!.message).toContain(message);
  });
});
