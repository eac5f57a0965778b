import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import type { CheckInput } from '../../src/diagnose/check-input.js';
import {
  formatInputIssue,
  parsePrincipal,
  type Policy,
  type PolicyType,
  type Principal,
  type ScpLevel,
} from '../../src/model/index.js';
import { assembleScpLevels, parseScpLevels } from '../../src/parse/index.js';
import { policy } from '../helpers/policies.js';

/** The corpus folder; cases are `<theme>/<case>.json`, shared policy files live under `policies/`. */
const CORPUS_DIR = dirname(fileURLToPath(import.meta.url));
const REPO_DIR = join(CORPUS_DIR, '..', '..');
const POLICIES_FOLDER = 'policies';

/** The fixed clock check() runs with in every case. */
export const NOW = new Date('2026-12-01T12:00:00Z');

interface PolicyRef {
  readonly file?: string;
  readonly document?: object;
  readonly name?: string;
  readonly arn?: string;
}

interface CorpusCase {
  readonly description: string;
  readonly source?: string | readonly string[];
  readonly input: {
    readonly principal: string;
    readonly region: string;
    readonly model: string;
    readonly actions: readonly string[];
    readonly identity: readonly PolicyRef[];
    readonly scpLevels?: string | readonly { readonly name: string; readonly policies: readonly PolicyRef[] }[];
    readonly permissionsBoundary?: PolicyRef;
    readonly sessionPolicies?: readonly PolicyRef[];
    readonly context?: Readonly<Record<string, readonly string[]>>;
    readonly assumeAbsent?: boolean;
  };
  readonly expect: {
    readonly verdict?: string;
    readonly checks?: readonly Record<string, unknown>[];
    readonly notes?: { readonly contains?: readonly string[]; readonly mention?: readonly string[] };
  };
}

export interface LoadedCase {
  /** Repository-relative path of the case file (what a failure names). */
  readonly file: string;
  readonly theme: string;
  readonly body: CorpusCase;
}

/** Every case file, sorted by path. */
export function caseFiles(): string[] {
  const files: string[] = [];
  for (const theme of readdirSync(CORPUS_DIR, { withFileTypes: true })) {
    if (!theme.isDirectory() || theme.name === POLICIES_FOLDER) continue;
    for (const file of readdirSync(join(CORPUS_DIR, theme.name))) {
      if (file.endsWith('.json')) files.push(join(CORPUS_DIR, theme.name, file));
    }
  }
  return files.sort();
}

const schema = JSON.parse(readFileSync(join(CORPUS_DIR, 'case.schema.json'), 'utf8')) as object;
const validate = new Ajv({ allErrors: true, allowUnionTypes: true }).compile(schema);

/** Reads and schema-checks a case; throws naming the file and every schema error. */
export function loadCase(path: string): LoadedCase {
  const file = repoPath(path);
  let body: unknown;
  try {
    body = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`${file}: not JSON: ${(error as Error).message}`);
  }
  if (!validate(body)) {
    const errors = (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`);
    throw new Error(`${file}: does not match case.schema.json:\n  ${errors.join('\n  ')}`);
  }
  return { file, theme: relative(CORPUS_DIR, dirname(path)), body: body as CorpusCase };
}

function repoPath(path: string): string {
  return relative(REPO_DIR, path).split('\\').join('/');
}

/** The check() input of a case: policy files read relative to the case, spans named by their repository path. */
export function checkInputOf(loaded: LoadedCase, now: Date): CheckInput {
  const caseDir = join(REPO_DIR, dirname(loaded.file));
  const input = loaded.body.input;
  const load = (
    ref: PolicyRef,
    type: PolicyType,
    base = caseDir,
    meta: { name?: string; arn?: string } = {},
  ): Policy => {
    const arn = ref.arn ?? meta.arn;
    const name = ref.name ?? meta.name;
    const options = { type, ...(arn !== undefined ? { arn } : {}), ...(name !== undefined ? { name } : {}) };
    if (ref.document) return policy(ref.document, { ...options, file: `${loaded.file}#${name}` });
    const path = join(base, ref.file!);
    return policy(readFileSync(path, 'utf8'), { ...options, file: repoPath(path) });
  };
  return {
    identity: input.identity.map((ref) => load(ref, 'identity')),
    ...(input.scpLevels !== undefined ? { scpLevels: scpLevelsOf(input.scpLevels, caseDir, load) } : {}),
    ...(input.permissionsBoundary
      ? { permissionsBoundary: load(input.permissionsBoundary, 'permissions-boundary') }
      : {}),
    ...(input.sessionPolicies
      ? { sessionPolicies: input.sessionPolicies.map((ref) => load(ref, 'session-policy')) }
      : {}),
    model: input.model,
    region: input.region,
    principal: principal(input.principal),
    actions: input.actions,
    ...(input.context ? { context: input.context } : {}),
    ...(input.assumeAbsent !== undefined ? { assumeAbsent: input.assumeAbsent } : {}),
    now,
    toolVersion: '0.0.0-test',
  };
}

function scpLevelsOf(
  levels: NonNullable<CorpusCase['input']['scpLevels']>,
  caseDir: string,
  load: (ref: PolicyRef, type: PolicyType, base?: string, meta?: { name?: string; arn?: string }) => Policy,
): ScpLevel[] {
  if (typeof levels !== 'string')
    return levels.map((level) => ({ name: level.name, policies: level.policies.map((ref) => load(ref, 'scp')) }));
  const path = join(caseDir, levels);
  const parsed = parseScpLevels(readFileSync(path, 'utf8'), repoPath(path));
  if (!parsed.levels) throw new Error(parsed.issues.map(formatInputIssue).join('\n'));
  return assembleScpLevels(parsed.levels, (entry) =>
    load({ file: entry.path }, 'scp', dirname(path), {
      name: entry.name,
      ...(entry.arn !== undefined ? { arn: entry.arn } : {}),
    }),
  );
}

function principal(arn: string): Principal {
  const parsed = parsePrincipal(arn);
  if (!parsed) throw new Error(`not a principal ARN: ${arn}`);
  return parsed;
}

export interface Difference {
  readonly path: string;
  readonly expected: unknown;
  readonly actual: unknown;
}

/**
 * Where `actual` differs from `expected`: every field the expectation gives must be equal (objects
 * are matched on the expectation's keys, arrays must have the same length); an expected `null` also
 * matches an absent field.
 */
export function differences(expected: unknown, actual: unknown, path = ''): Difference[] {
  if (expected === null) return actual === null || actual === undefined ? [] : [{ path, expected, actual }];
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return [{ path, expected, actual }];
    if (actual.length !== expected.length)
      return [{ path: `${path}.length`, expected: expected.length, actual: actual.length }];
    return expected.flatMap((item, i) => differences(item, actual[i], `${path}[${i}]`));
  }
  if (typeof expected === 'object') {
    if (typeof actual !== 'object' || actual === null || Array.isArray(actual)) return [{ path, expected, actual }];
    return Object.entries(expected).flatMap(([key, value]) =>
      differences(value, (actual as Record<string, unknown>)[key], `${path}.${key}`),
    );
  }
  return Object.is(expected, actual) ? [] : [{ path, expected, actual }];
}

/** One line per difference, naming the case file and the field. */
export function describeDifferences(file: string, found: readonly Difference[]): string {
  return found
    .map((d) => `${file}: expect${d.path}: expected ${JSON.stringify(d.expected)}, got ${JSON.stringify(d.actual)}`)
    .join('\n');
}
