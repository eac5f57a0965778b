import { dirname, isAbsolute, join } from 'node:path';
import { message, withPolicyId, type Assumption, type InputIssue, type Policy, type ScpLevel } from '../model/index.js';
import { assembleScpLevels, parsePolicyDocument, parseScpLevels, quoteToken } from '../parse/index.js';
import { InputError } from './input-error.js';
import { inputLabel, isStdin, loadPolicyFile, readInputFile, requireValid } from './policy-files.js';

/** The AWS managed policy FullAWSAccess, attached by default at every level of an organization. */
const FULL_AWS_ACCESS_DOCUMENT =
  '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}';

export interface LoadedScpChain {
  readonly levels: ScpLevel[];
  readonly warnings: InputIssue[];
  readonly assumptions: Assumption[];
}

/** Assumed, not read: built in, with no location (reports name it by its ARN). */
function fullAwsAccess(): Policy {
  const parsed = parsePolicyDocument(FULL_AWS_ACCESS_DOCUMENT, 'FullAWSAccess', {
    type: 'scp',
    name: 'FullAWSAccess',
    arn: 'arn:aws:organizations::aws:policy/service_control_policy/p-FullAWSAccess',
  });
  if (!parsed.policy) throw new Error('the built-in FullAWSAccess document does not parse');
  // Read from no file: the name parsePolicyDocument needed for its spans and messages is no file of the policy's.
  const { file: _file, id: _id, ...document } = parsed.policy;
  return withPolicyId({ ...document, builtIn: true });
}

/** `--scp FILE…`: SCPs attached to the account, FullAWSAccess assumed at the root and on the account. */
export function loadAttachedScps(files: readonly string[]): LoadedScpChain {
  const loaded = files.map((file) => loadPolicyFile(file, 'scp'));
  const full = fullAwsAccess();
  return {
    levels: [
      { name: 'Root', policies: [full] },
      { name: 'Account', policies: [full, ...loaded.map((entry) => entry.policy)] },
    ],
    warnings: loaded.flatMap((entry) => [...entry.warnings]),
    assumptions: [message('scps-attached-to-account')],
  };
}

/**
 * `--scp-levels FILE`: the exact chain root → OUs → account. A relative `file` entry is read relative to
 * the directory of the SCP-levels file (the working directory when it comes from standard input).
 */
export function loadScpLevels(file: string): LoadedScpChain {
  const label = inputLabel(file);
  const parsed = parseScpLevels(readInputFile(file), label);
  const entries = requireValid(parsed.levels, parsed.issues, label);
  const warnings: InputIssue[] = parsed.issues.filter((issue) => issue.severity === 'warning');
  const levels = assembleScpLevels(entries, (entry) => {
    // Relative to the SCP-levels file, and kept relative so that reports do not depend on where the files sit.
    const path = isAbsolute(entry.path) || isStdin(file) ? entry.path : join(dirname(file), entry.path);
    try {
      // A file name cannot hold a NUL character: never let an entry stand for standard input.
      if (entry.path.includes('\u0000') || isStdin(path)) throw new InputError(path, null, null, 'is not a file name');
      const loaded = loadPolicyFile(path, 'scp', { name: entry.name, ...(entry.arn ? { arn: entry.arn } : {}) });
      warnings.push(...loaded.warnings);
      return loaded.policy;
    } catch (error) {
      if (error instanceof InputError && error.line === null) {
        throw new InputError(
          entry.pathSpan.file,
          entry.pathSpan.line,
          entry.pathSpan.column,
          `SCP file ${quoteToken(entry.path)}: ${error.detail}`,
        );
      }
      throw error;
    }
  });
  if (levels.length === 0) throw new InputError(label, 1, 1, 'the SCP chain has no levels');
  return { levels, warnings, assumptions: [] };
}
