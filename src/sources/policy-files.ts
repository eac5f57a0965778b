import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import type { ActionCorrection, InputIssue, Policy, PolicyType } from '../model/index.js';
import { checkActionNames, decodeUtf8Input, MAX_INPUT_BYTES, parsePolicyDocument } from '../parse/index.js';
import { iamData } from './iam-data.js';
import { InputError } from './input-error.js';

/**
 * How the CLI passes a policy argument of "-" (standard input) to the sources. Not "-" itself: an
 * SCP-levels entry or any other path could spell "-", and that must stay a file name. A path cannot
 * contain a NUL character, so this never names a file.
 */
export const STDIN_ARGUMENT = '\u0000stdin';
/** How standard input is named in messages and reports. */
export const STDIN_LABEL = '<stdin>';

export function isStdin(file: string): boolean {
  return file === STDIN_ARGUMENT;
}

/** The name a message or report gives an input. */
export function inputLabel(file: string): string {
  return isStdin(file) ? STDIN_LABEL : file;
}

export interface LoadedPolicy {
  readonly policy: Policy;
  /** Problems that do not stop evaluation (e.g. a policy over AWS's size limit). */
  readonly warnings: readonly InputIssue[];
  /** Misspelt actions of Allow statements, with what IAM has (see parse/action-names.ts). */
  readonly actionCorrections: readonly ActionCorrection[];
}

/** Reads a file the user named (or standard input), as UTF-8 and at most MAX_INPUT_BYTES; never modifies it. */
export function readInputFile(file: string): string {
  const label = inputLabel(file);
  let bytes: Buffer;
  try {
    bytes = isStdin(file) ? readBounded(0) : readFileBounded(file);
  } catch (error) {
    throw new InputError(label, null, null, readFailure(error));
  }
  const decoded = decodeUtf8Input(bytes, label);
  if (decoded.issue)
    throw new InputError(decoded.issue.file, decoded.issue.line, decoded.issue.column, decoded.issue.message);
  return decoded.text;
}

function readFileBounded(file: string): Buffer {
  const fd = openSync(file, 'r');
  try {
    if (fstatSync(fd).isDirectory()) throw Object.assign(new Error('directory'), { code: 'EISDIR' });
    return readBounded(fd);
  } finally {
    closeSync(fd);
  }
}

/** Reads up to one byte past the cap, so that a multi-gigabyte file or stream costs no more than a big policy. */
function readBounded(fd: number): Buffer {
  const chunks: Buffer[] = [];
  let total = 0;
  const chunk = Buffer.alloc(64 * 1024);
  while (total <= MAX_INPUT_BYTES) {
    let count: number;
    try {
      count = readSync(fd, chunk, 0, chunk.length, null);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EOF') break;
      // A non-blocking stdin (some pipes) has no data yet: wait a moment rather than fail.
      if (code === 'EAGAIN') {
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
        continue;
      }
      throw error;
    }
    if (count === 0) break;
    chunks.push(Buffer.from(chunk.subarray(0, count)));
    total += count;
  }
  return Buffer.concat(chunks);
}

/** Why a file could not be read, in the user's words; `kind` is what the directory is not ("a policy file"). */
export function readFailure(error: unknown, kind = 'a policy file'): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return `is a directory, not ${kind}`;
  if (code === 'EACCES') return 'permission denied';
  return `cannot be read (${code ?? 'unknown error'})`;
}

/**
 * Reads and validates one policy document; the first error becomes an InputError naming file:line:column.
 * Without a name the policy is named after its file (or the PolicyName of AWS CLI output).
 */
export function loadPolicyFile(
  file: string,
  type: PolicyType,
  meta: { name?: string; arn?: string } = {},
): LoadedPolicy {
  const text = readInputFile(file);
  const label = inputLabel(file);
  const result = parsePolicyDocument(text, label, {
    type,
    ...(meta.name !== undefined ? { name: meta.name } : {}),
    ...(meta.arn ? { arn: meta.arn } : {}),
  });
  const policy = requireValid(result.policy, result.issues, label);
  const actions = checkActionNames(policy, text, iamData());
  return {
    policy,
    warnings: [...result.issues.filter((issue) => issue.severity === 'warning'), ...actions.issues],
    actionCorrections: actions.corrections,
  };
}

/** The value, or an InputError for the first error among the issues. */
export function requireValid<T>(value: T | undefined, issues: readonly InputIssue[], file: string): T {
  const error = issues.find((issue) => issue.severity === 'error');
  if (error) throw new InputError(error.file, error.line, error.column, error.message);
  if (value === undefined) throw new InputError(file, null, null, 'could not be read as a policy document');
  return value;
}
