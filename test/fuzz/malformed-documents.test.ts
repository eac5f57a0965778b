// Issue #6, "Done when": malformed and adversarial documents of every policy type never crash the CLI.
// Seeded and bounded: exit code in {0, 1, 2}, no stack trace, and an exit 2 names file:line.
// Most runs call the CLI entry in-process (volume); a few spawn the built binary (the real process).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runCli as runCliInProcess } from '../../src/cli/run-cli.js';
import { requireBuiltCli, runCli } from '../cli/helpers.js';

const MODEL = ['--model', 'amazon.nova-pro-v1:0', '--region', 'us-east-1'];
const SESSION = ['--principal', 'arn:aws:sts::111122223333:assumed-role/BedrockApp/s'];
const VALID = {
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'Invoke',
      Effect: 'Allow',
      Action: ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'],
      Resource: 'arn:aws:bedrock:*::foundation-model/*',
    },
    {
      Effect: 'Deny',
      Action: 'bedrock:*',
      Resource: '*',
      Condition: {
        StringNotEquals: { 'aws:RequestedRegion': ['us-east-1', 'us-west-2'] },
        Bool: { 'aws:SecureTransport': 'false' },
      },
    },
  ],
};

type Kind = 'identity' | 'scp' | 'scp-levels-inline' | 'scp-levels-file' | 'boundary' | 'session-policy' | 'cli-output';
const KINDS: readonly Kind[] = [
  'identity',
  'scp',
  'scp-levels-inline',
  'scp-levels-file',
  'boundary',
  'session-policy',
  'cli-output',
];

let dir: string;
let okFile: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'policy-check-fuzz-'));
  okFile = join(dir, 'ok.json');
  writeFileSync(okFile, JSON.stringify(VALID));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const LOOKALIKES = [
  '\u0430',
  '\u0435',
  '\u043e',
  '\u0410',
  '\u00a0',
  '\u200b',
  '\u2019',
  '\u201c',
  '\uff1a',
  '\u2013',
  '\ufeff',
  '\u0391',
  '\u0000',
  '\ud800',
];

/** Wrong types, huge numbers, lookalikes and deep structures, for any position of a document. */
const adversarialValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { maxDepth: 3 },
    fc.constantFrom(
      null,
      true,
      false,
      0,
      -0,
      1e308,
      -1e308,
      // biome-ignore lint/correctness/noPrecisionLoss: a number JSON carries but a double cannot hold is the input
      12345678901234567890,
      0.1,
      '',
      '*',
      'Allow',
      'Deny',
      'bedrock:InvokeModel',
      'arn:aws:bedrock:us-east-1::foundation-model/x',
      '${aws:username}',
      'StringEquals',
    ),
    fc.string({ unit: 'binary', maxLength: 12 }),
    fc
      .tuple(
        fc.constantFrom(
          'Allow',
          'bedrock:InvokeModel',
          'aws:SourceIp',
          'arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-pro-v1:0',
        ),
        fc.nat(),
        fc.constantFrom(...LOOKALIKES),
      )
      .map(([text, at, char]) => text.slice(0, at % (text.length + 1)) + char + text.slice(at % (text.length + 1))),
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(
      fc.constantFrom(
        'Effect',
        'Action',
        'Resource',
        'Condition',
        'Statement',
        'Sid',
        'NotAction',
        'StringLike',
        'aws:SourceIp',
        'x',
      ),
      tie('value'),
      { maxKeys: 3 },
    ),
  ),
})).value;

/** Replaces the value at a random position of a JSON value. */
function replaceAt(value: unknown, path: readonly number[], replacement: unknown): unknown {
  const [step, ...rest] = path;
  if (step === undefined || value === null || typeof value !== 'object') return replacement;
  if (Array.isArray(value)) {
    if (value.length === 0) return replacement;
    const index = step % value.length;
    return value.map((item, i) => (i === index ? replaceAt(item, rest, replacement) : item));
  }
  const keys = Object.keys(value);
  if (keys.length === 0) return replacement;
  const key = keys[step % keys.length]!;
  return { ...value, [key]: replaceAt((value as Record<string, unknown>)[key], rest, replacement) };
}

type Mutation = (text: string) => Buffer;
const utf8 = (text: string) => Buffer.from(text, 'utf8');

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.constant<Mutation>(utf8),
  fc.nat().map<Mutation>((at) => (text) => utf8(text.slice(0, at % (text.length + 1)))),
  fc.tuple(fc.nat(), fc.uint8Array({ minLength: 1, maxLength: 6 })).map<Mutation>(([at, bytes]) => (text) => {
    const buffer = utf8(text);
    const offset = at % (buffer.length + 1);
    return Buffer.concat([buffer.subarray(0, offset), Buffer.from(bytes), buffer.subarray(offset)]);
  }),
  fc.tuple(fc.nat(), fc.constantFrom(...LOOKALIKES)).map<Mutation>(([at, char]) => (text) => {
    const offset = at % (text.length + 1);
    return utf8(text.slice(0, offset) + char + text.slice(offset));
  }),
  fc.tuple(fc.nat({ max: 200_000 }), fc.constantFrom('[', '{"a":')).map<Mutation>(
    ([depth, open]) =>
      () =>
        utf8(open.repeat(depth + 1)),
  ),
  fc.uint8Array({ maxLength: 300 }).map<Mutation>((bytes) => () => Buffer.from(bytes)),
  fc.constant<Mutation>((text) => utf8(`\uFEFF${text}`)),
  fc.constant<Mutation>((text) => utf8(text.replace(/"Effect"/, '"Effect":"Allow","Effect"'))),
);

interface Case {
  readonly kind: Kind;
  readonly document: unknown;
  readonly mutate: Mutation;
  readonly encoded: boolean;
}

const fuzzCase: fc.Arbitrary<Case> = fc
  .record({
    kind: fc.constantFrom(...KINDS),
    path: fc.array(fc.nat(), { maxLength: 6 }),
    replacement: adversarialValue,
    replace: fc.boolean(),
    mutate: mutation,
    encoded: fc.boolean(),
  })
  .map(({ kind, path, replacement, replace, mutate, encoded }) => ({
    kind,
    document: replace ? replaceAt(VALID, path, replacement) : VALID,
    mutate,
    encoded,
  }));

/** The files to write and the arguments that name them, for one case. */
function materialize(testCase: Case, id: string): { args: string[]; files: string[] } {
  const name = `${id}.json`;
  const path = join(dir, name);
  const text = (document: unknown) => JSON.stringify(document, null, 2);
  switch (testCase.kind) {
    case 'identity':
      writeFileSync(path, testCase.mutate(text(testCase.document)));
      return { args: [path, ...MODEL], files: [name] };
    case 'scp':
      writeFileSync(path, testCase.mutate(text(testCase.document)));
      return { args: [okFile, ...MODEL, '--scp', path], files: [name] };
    case 'boundary':
      writeFileSync(path, testCase.mutate(text(testCase.document)));
      return { args: [okFile, ...MODEL, '--boundary', path], files: [name] };
    case 'session-policy':
      writeFileSync(path, testCase.mutate(text(testCase.document)));
      return { args: [okFile, ...MODEL, ...SESSION, '--session-policy', path], files: [name] };
    case 'cli-output': {
      const document = testCase.encoded ? encodeURIComponent(JSON.stringify(testCase.document)) : testCase.document;
      writeFileSync(path, testCase.mutate(text({ PolicyVersion: { Document: document, VersionId: 'v1' } })));
      return { args: [path, ...MODEL], files: [name] };
    }
    case 'scp-levels-inline': {
      const levels = {
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
          { name: 'OU', policies: [{ name: 'Fuzzed', document: testCase.document }] },
        ],
      };
      writeFileSync(path, testCase.mutate(text(levels)));
      return { args: [okFile, ...MODEL, '--scp-levels', path], files: [name] };
    }
    case 'scp-levels-file': {
      const scp = `${id}-scp.json`;
      writeFileSync(join(dir, scp), testCase.mutate(text(testCase.document)));
      writeFileSync(path, text({ levels: [{ name: 'Root', policies: [{ name: 'Fuzzed', file: scp }] }] }));
      return { args: [okFile, ...MODEL, '--scp-levels', path], files: [name, scp] };
    }
  }
}

function expectWellBehaved(result: { code: number | null; stderr: string }, files: readonly string[]): void {
  expect([0, 1, 2], result.stderr).toContain(result.code);
  expect(result.stderr).not.toMatch(/^\s+at .+/m);
  expect(result.stderr).not.toMatch(/internal error|^Error|\bError: |node:internal/m);
  if (result.code !== 2) return;
  const [first = ''] = result.stderr.split('\n');
  const named = files.map((file) => file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
  expect(first).toMatch(new RegExp(`^policy-check: (?:.*/)?(?:${named}):\\d+(?::\\d+)?: \\S`));
}

describe('fuzz: malformed and adversarial documents (in-process CLI)', () => {
  it('exit code in {0,1,2}, no stack trace, exit 2 names file:line — every policy type', async () => {
    let counter = 0;
    let _stdout = '';
    let stderr = '';
    const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      _stdout += String(chunk);
      return true;
    });
    const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      stderr += String(chunk);
      return true;
    });
    const seen = new Set<string>();
    try {
      await fc.assert(
        fc.asyncProperty(fuzzCase, async (testCase) => {
          const { args, files } = materialize(testCase, `case-${counter++}`);
          _stdout = '';
          stderr = '';
          let code: number | null;
          try {
            code = await runCliInProcess(args);
          } catch (error) {
            stderr += `internal error: ${(error as Error).stack ?? String(error)}`;
            code = 3;
          }
          seen.add(`${testCase.kind}:${code}`);
          expectWellBehaved({ code, stderr }, files);
        }),
        { seed: 20260606, numRuns: 350, interruptAfterTimeLimit: 12_000 },
      );
    } finally {
      out.mockRestore();
      err.mockRestore();
    }
    // The generator reaches both valid and invalid documents of every kind.
    for (const kind of KINDS)
      expect(
        [...seen].some((entry) => entry === `${kind}:2`),
        `${kind} never invalid`,
      ).toBe(true);
    expect(
      [...seen].some((entry) => !entry.endsWith(':2')),
      'no document was ever valid',
    ).toBe(true);
  }, 30_000);
});

describe('fuzz: the built binary, on standard input and files', () => {
  beforeAll(() => requireBuiltCli());

  it('random bytes, deep nesting and lookalikes through the real process', () => {
    fc.assert(
      fc.property(fuzzCase, fc.boolean(), (testCase, viaStdin) => {
        if (viaStdin && testCase.kind === 'identity') {
          const input = testCase.mutate(JSON.stringify(testCase.document)).toString('latin1');
          const result = runCli(['-', ...MODEL], { input });
          expectWellBehaved(result, ['<stdin>']);
          return;
        }
        const { args, files } = materialize(testCase, `bin-${Math.random().toString(36).slice(2)}`);
        expectWellBehaved(runCli(args), files);
      }),
      { seed: 6, numRuns: 8 },
    );
  }, 30_000);
});
