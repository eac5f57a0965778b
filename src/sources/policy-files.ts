import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { ActionCorrection, InputIssue, Policy, PolicyType } from '../model/index.js';
import { checkActionNames, parsePolicyDocument } from '../parse/index.js';
import { iamData } from './iam-data.js';
import { InputError } from './input-error.js';

export interface LoadedPolicy {
  readonly policy: Policy;
  /** Problems that do not stop evaluation (e.g. a policy over AWS's size limit). */
  readonly warnings: readonly InputIssue[];
  /** Misspelt actions of Allow statements, with what IAM has (see parse/action-names.ts). */
  readonly actionCorrections: readonly ActionCorrection[];
}

/** Reads a file the user named; never modifies it. */
export function readInputFile(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new InputError(file, null, null, readFailure(error));
  }
}

function readFailure(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'is a directory, not a policy file';
  if (code === 'EACCES') return 'permission denied';
  return `cannot be read (${code ?? 'unknown error'})`;
}

/** Reads and validates one policy document; the first error becomes an InputError naming file:line:column. */
export function loadPolicyFile(file: string, type: PolicyType, meta: { name?: string; arn?: string } = {}): LoadedPolicy {
  const text = readInputFile(file);
  const result = parsePolicyDocument(text, file, { type, name: meta.name ?? basename(file), ...(meta.arn ? { arn: meta.arn } : {}) });
  const policy = requireValid(result.policy, result.issues, file);
  const actions = checkActionNames(policy, text, iamData());
  return { policy, warnings: [...result.issues.filter((issue) => issue.severity === 'warning'), ...actions.issues], actionCorrections: actions.corrections };
}

/** The value, or an InputError for the first error among the issues. */
export function requireValid<T>(value: T | undefined, issues: readonly InputIssue[], file: string): T {
  const error = issues.find((issue) => issue.severity === 'error');
  if (error) throw new InputError(error.file, error.line, error.column, error.message);
  if (value === undefined) throw new InputError(file, null, null, 'could not be read as a policy document');
  return value;
}
