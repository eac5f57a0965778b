import { describe, expect, it } from 'vitest';
import type { Policy, Span } from '../../src/model/index.js';
import { assembleScpLevels, parsePolicyDocument, parseScpLevels, type ScpFileEntry } from '../../src/parse/index.js';
import { fixture, formatted, positionOf } from './fixture.js';

function spanAt(text: string, needle: string, file: string, from = 0): Span {
  const [line = 0, column = 0] = positionOf(text, needle, from).split(':').map(Number);
  return { file, line, column };
}

function levelsFile(levels: unknown): string {
  return JSON.stringify({ levels }, null, 2);
}

const ALLOW_ALL = { Version: '2012-10-17', Statement: { Effect: 'Allow', Action: '*', Resource: '*' } };

describe('parseScpLevels: a valid file', () => {
  const file = 'org/scp-levels.json';
  const text = fixture('scp-levels-valid.json');
  const result = parseScpLevels(text, file);

  it('has no issues', () => {
    expect(result.issues).toEqual([]);
  });

  it('keeps the levels in order, root → OUs → account', () => {
    expect(result.levels?.map((level) => level.name)).toEqual(['Root', 'ou-workloads', '111122223333']);
    expect(result.levels?.[0]?.span).toEqual({ file, line: 3, column: 5 });
  });

  it('parses inline documents as SCPs whose spans point into the levels file', () => {
    const entry = result.levels?.[0]?.policies[0];
    const closing = spanAt(text, '"Resource": "*" }', file);
    const statementSpan = {
      ...spanAt(text, '{ "Effect"', file),
      endLine: closing.line,
      endColumn: closing.column + '"Resource": "*" }'.length,
    };
    expect(entry).toEqual({
      kind: 'document',
      name: 'FullAWSAccess',
      arn: 'arn:aws:organizations::aws:policy/service_control_policy/p-FullAWSAccess',
      span: { file, line: 6, column: 9 },
      policy: {
        id: expect.stringMatching(
          /^arn:aws:organizations::aws:policy\/service_control_policy\/p-FullAWSAccess#[0-9a-f]{16}$/,
        ),
        type: 'scp',
        name: 'FullAWSAccess',
        file,
        arn: 'arn:aws:organizations::aws:policy/service_control_policy/p-FullAWSAccess',
        version: '2012-10-17',
        statements: [
          { effect: 'Allow', action: ['*'], resource: ['*'], conditions: [], span: statementSpan, index: 0 },
        ],
      },
    });
  });

  it('returns file entries unread, with the path as written and where it is written', () => {
    expect(result.levels?.[1]?.policies).toEqual([
      {
        kind: 'file',
        name: 'DenyOutsideUS',
        arn: 'arn:aws:organizations::111122223333:policy/o-exampleorg/service_control_policy/p-examplepolicy',
        span: spanAt(text, '{\n          "name": "DenyOutsideUS"', file),
        path: 'scp-region-deny-valid.json',
        pathSpan: spanAt(text, '"scp-region-deny-valid.json"', file),
      },
    ]);
  });

  it('assembles the ScpLevel chain once the caller has parsed the files', () => {
    const loaded: ScpFileEntry[] = [];
    const chain = assembleScpLevels(result.levels ?? [], (entry) => {
      loaded.push(entry);
      const parsed = parsePolicyDocument(fixture(entry.path), `org/${entry.path}`, {
        type: 'scp',
        name: entry.name,
        ...(entry.arn ? { arn: entry.arn } : {}),
      });
      return parsed.policy as Policy;
    });
    expect(loaded.map((entry) => entry.path)).toEqual(['scp-region-deny-valid.json']);
    expect(
      chain.map((level) => [
        level.name,
        level.policies.map((policy) => `${policy.type}:${policy.name}:${policy.file}`),
      ]),
    ).toEqual([
      ['Root', ['scp:FullAWSAccess:org/scp-levels.json']],
      ['ou-workloads', ['scp:DenyOutsideUS:org/scp-region-deny-valid.json']],
      ['111122223333', ['scp:FullAWSAccess:org/scp-levels.json']],
    ]);
  });
});

describe('parseScpLevels: errors name file:line:column', () => {
  it('reports embedded-document errors at their place in the levels file, with the file rules', () => {
    const result = parseScpLevels(fixture('scp-levels-invalid.json'), 'scp-levels-invalid.json');
    expect(result.levels).toBeUndefined();
    expect(formatted(result.issues)).toEqual([
      'scp-levels-invalid.json:10:38: error: Statement.Effect must be "Allow" or "Deny", found "deny" (values are case-sensitive)',
      'scp-levels-invalid.json:13:9: error: levels[0].policies[1] cannot contain both "document" and "file"',
      'scp-levels-invalid.json:13:72: error: Statement must not be empty',
      'scp-levels-invalid.json:16:38: warning: level "Account" has no policies, so it allows nothing: AWS requires at least one SCP on every root, OU and account',
    ]);
  });

  it('rejects Principal in an embedded SCP', () => {
    const text = levelsFile([
      { name: 'Root', policies: [{ name: 'p', document: { Statement: { ...ALLOW_ALL.Statement, Principal: '*' } } }] },
    ]);
    expect(formatted(parseScpLevels(text, 'l.json').issues)).toEqual([
      `l.json:${positionOf(text, '"Principal"')}: error: "Principal" is not allowed in a service control policy: Principal and NotPrincipal belong in resource-based policies and role trust policies`,
    ]);
  });

  it('needs a document or a file for each policy', () => {
    const text = levelsFile([{ name: 'Root', policies: [{ name: 'p' }] }]);
    expect(formatted(parseScpLevels(text, 'l.json').issues)).toEqual([
      `l.json:${positionOf(text, '{\n          "name": "p"')}: error: levels[0].policies[0] must contain "document" or "file" (an inline policy, or the path of a policy file)`,
    ]);
  });

  it('requires levels, names and policies, and rejects unknown elements', () => {
    expect(formatted(parseScpLevels('{}', 'l.json').issues)).toEqual([
      'l.json:1:1: error: the SCP-levels file is missing "levels"',
    ]);
    expect(formatted(parseScpLevels('{"levels": []}', 'l.json').issues)).toEqual([
      'l.json:1:12: error: levels must not be empty',
    ]);
    const text = levelsFile([{ name: ' ', policies: [{ name: 'p', file: 'p.json' }], ou: 'x' }, { policies: [] }]);
    expect(formatted(parseScpLevels(text, 'l.json').issues)).toEqual([
      `l.json:${positionOf(text, '" "')}: error: levels[0].name must not be empty`,
      `l.json:${positionOf(text, '"ou"')}: error: unknown element "ou" in levels[0] (expected "name", "policies")`,
      `l.json:${positionOf(text, '{\n      "policies": []')}: error: levels[1] is missing "name"`,
      `l.json:${positionOf(text, '[]')}: warning: level "" has no policies, so it allows nothing: AWS requires at least one SCP on every root, OU and account`,
    ]);
  });

  it('accepts a $schema reference for editors', () => {
    expect(
      parseScpLevels(
        JSON.stringify({
          $schema: './schemas/scp-levels.schema.json',
          levels: [{ name: 'Root', policies: [{ name: 'a', file: 'a.json' }] }],
        }),
        'l.json',
      ).issues,
    ).toEqual([]);
  });

  it('rejects a malformed policy ARN', () => {
    const text = levelsFile([{ name: 'Root', policies: [{ name: 'p', file: 'p.json', arn: 'p-FullAWSAccess' }] }]);
    expect(formatted(parseScpLevels(text, 'l.json').issues)).toEqual([
      `l.json:${positionOf(text, '"p-FullAWSAccess"')}: error: malformed ARN "p-FullAWSAccess": expected an ARN, which starts with "arn:"`,
    ]);
  });

  it('reports JSON syntax errors and duplicated keys, including inside embedded documents', () => {
    expect(formatted(parseScpLevels('{"levels": [', 'l.json').issues)).toEqual([
      'l.json:1:13: error: unexpected end of file: expected a comma or closing bracket',
    ]);
    const text =
      '{"levels": [{"name": "Root", "policies": [{"name": "p", "document": {"Statement": {"Effect": "Allow", "Effect": "Deny", "Action": "*", "Resource": "*"}}}]}]}';
    expect(formatted(parseScpLevels(text, 'l.json').issues)).toEqual([
      `l.json:${positionOf(text, '"Effect": "Deny"')}: error: duplicate key "Effect" (first at line 1, column ${Number(positionOf(text, '"Effect"').split(':')[1])}): each key may appear only once in an object`,
    ]);
    expect(parseScpLevels(text, 'l.json').levels).toBeUndefined();
  });

  it('never throws on bad input', () => {
    for (const text of [
      '',
      'null',
      '[]',
      '{"levels": {}}',
      '{"levels": [1, null, {"name": 1, "policies": "x"}]}',
      '{"levels": [{"name": "a", "policies": [{"name": "p", "document": "x"}]}]}',
    ]) {
      const result = parseScpLevels(text, 'l.json');
      expect(result.levels).toBeUndefined();
      expect(result.issues.length).toBeGreaterThan(0);
    }
  });

  it('reports a document that is not an object once, from the policy parser', () => {
    const text = levelsFile([{ name: 'Root', policies: [{ name: 'p', document: 'x' }] }]);
    expect(formatted(parseScpLevels(text, 'l.json').issues)).toEqual([
      `l.json:${positionOf(text, '"x"')}: error: the policy document must be an object, found a string`,
    ]);
  });
});

describe('level names', () => {
  it('rejects two levels with the same name, naming file:line:column', () => {
    const text = JSON.stringify(
      {
        levels: [
          {
            name: 'Root',
            policies: [
              {
                name: 'FullAWSAccess',
                document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] },
              },
            ],
          },
          {
            name: 'Root',
            policies: [
              {
                name: 'FullAWSAccess',
                document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] },
              },
            ],
          },
        ],
      },
      null,
      2,
    );
    const result = parseScpLevels(text, 'levels.json');
    expect(result.levels).toBeUndefined();
    // Line 22 holds the second level's "name".
    expect(result.issues.map((issue) => [issue.code, issue.line])).toEqual([['duplicate-scp-level', 22]]);
  });
});
