import { message, type ActionCorrection, type Assumption, type InputIssue, type Policy } from '../model/index.js';
import { InputError } from './input-error.js';
import { isStdin, loadPolicyFile, STDIN_LABEL } from './policy-files.js';
import { loadAttachedScps, loadScpLevels, type LoadedScpChain } from './scp-chain.js';

/** The files a command names for each policy type. */
export interface PolicyFiles {
  readonly files?: readonly string[];
  readonly scp?: readonly string[];
  readonly scpLevels?: string;
  readonly boundary?: string;
  readonly sessionPolicy?: readonly string[];
}

export interface LoadedPolicySet {
  readonly identity: Policy[];
  readonly scpChain?: LoadedScpChain;
  readonly boundary?: Policy;
  readonly sessionPolicies: Policy[];
  /** Problems that do not stop evaluation, in the order the files were read. */
  readonly warnings: InputIssue[];
  /** Misspelt actions in the identity policies, boundary and session policies, with their likely corrections. */
  readonly actionCorrections: ActionCorrection[];
  /** What was assumed about the SCP chain. */
  readonly assumptions: Assumption[];
}

/** How many of the files are "-" (standard input). */
export function stdinArguments(files: PolicyFiles): number {
  const all = [
    ...(files.files ?? []),
    ...(files.scp ?? []),
    ...(files.scpLevels !== undefined ? [files.scpLevels] : []),
    ...(files.boundary !== undefined ? [files.boundary] : []),
    ...(files.sessionPolicy ?? []),
  ];
  return all.filter(isStdin).length;
}

/** Reads and validates every policy a command names; the first invalid file throws an InputError. */
export function loadPolicySet(files: PolicyFiles): LoadedPolicySet {
  if (stdinArguments(files) > 1) {
    throw new InputError(
      STDIN_LABEL,
      null,
      null,
      'standard input ("-") can be read only once: give "-" for one policy file at most',
    );
  }
  const warnings: InputIssue[] = [];
  const actionCorrections: ActionCorrection[] = [];
  const load = (file: string, type: Policy['type']): Policy => {
    const loaded = loadPolicyFile(file, type);
    warnings.push(...loaded.warnings);
    actionCorrections.push(...loaded.actionCorrections);
    return loaded.policy;
  };
  const identity = (files.files ?? []).map((file) => load(file, 'identity'));
  const scpChain = files.scpLevels
    ? loadScpLevels(files.scpLevels)
    : files.scp && files.scp.length > 0
      ? loadAttachedScps(files.scp)
      : undefined;
  warnings.push(...(scpChain?.warnings ?? []));
  const boundary = files.boundary ? load(files.boundary, 'permissions-boundary') : undefined;
  const sessionPolicies = (files.sessionPolicy ?? []).map((file) => load(file, 'session-policy'));
  return {
    identity,
    ...(scpChain ? { scpChain } : {}),
    ...(boundary ? { boundary } : {}),
    sessionPolicies,
    warnings,
    actionCorrections,
    assumptions: scpChain ? scpChain.assumptions : [message('no-scps-given')],
  };
}
