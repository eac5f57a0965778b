import { dirname, isAbsolute, join } from 'node:path';
import type { InputIssue, Policy, ScpLevel } from '../model/index.js';
import { assembleScpLevels, parsePolicyDocument, parseScpLevels } from '../parse/index.js';
import { InputError } from './input-error.js';
import { loadPolicyFile, readInputFile, requireValid } from './policy-files.js';

/** The AWS managed policy FullAWSAccess, attached by default at every level of an organization. */
export const FULL_AWS_ACCESS_DOCUMENT = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}';

export interface LoadedScpChain {
  readonly levels: ScpLevel[];
  readonly warnings: InputIssue[];
  readonly assumptions: string[];
}

function fullAwsAccess(): Policy {
  const parsed = parsePolicyDocument(FULL_AWS_ACCESS_DOCUMENT, '(assumed FullAWSAccess)', {
    type: 'scp',
    name: 'FullAWSAccess',
    arn: 'arn:aws:organizations::aws:policy/service_control_policy/p-FullAWSAccess',
  });
  return parsed.policy!;
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
    assumptions: [
      'SCPs: FullAWSAccess is assumed attached at the root, every OU and the account, and the --scp files are attached to the account; pass --scp-levels for the exact chain',
    ],
  };
}

/** `--scp-levels FILE`: the exact chain root → OUs → account; `file` entries are read relative to it. */
export function loadScpLevels(file: string): LoadedScpChain {
  const parsed = parseScpLevels(readInputFile(file), file);
  const entries = requireValid(parsed.levels, parsed.issues, file);
  const warnings: InputIssue[] = parsed.issues.filter((issue) => issue.severity === 'warning');
  const levels = assembleScpLevels(entries, (entry) => {
    // Relative to the SCP-levels file, and kept relative so that reports do not depend on where the files sit.
    const path = isAbsolute(entry.path) ? entry.path : join(dirname(file), entry.path);
    try {
      const loaded = loadPolicyFile(path, 'scp', { name: entry.name, ...(entry.arn ? { arn: entry.arn } : {}) });
      warnings.push(...loaded.warnings);
      return loaded.policy;
    } catch (error) {
      if (error instanceof InputError && error.line === null) {
        throw new InputError(entry.pathSpan.file, entry.pathSpan.line, entry.pathSpan.column, `SCP file ${entry.path}: ${error.detail}`);
      }
      throw error;
    }
  });
  if (levels.length === 0) throw new InputError(file, 1, 1, 'the SCP chain has no levels');
  return { levels, warnings, assumptions: [] };
}
