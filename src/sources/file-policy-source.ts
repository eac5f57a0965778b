import type { PolicySource, Principal, PrincipalPolicies } from '../model/index.js';
import { loadPolicySet, type PolicyFiles } from './policy-set.js';

/** The policy files a command names (FILES, --scp, --scp-levels, --boundary, --session-policy), for the caller --principal names. */
export function filePolicySource(files: PolicyFiles, principal?: Principal): PolicySource {
  return {
    load: async () => loadFilePolicies(files, principal),
  };
}

/** Reads and validates every file; the first invalid one throws an InputError. */
function loadFilePolicies(files: PolicyFiles, principal?: Principal): PrincipalPolicies {
  const loaded = loadPolicySet(files);
  return {
    ...(principal ? { principal } : {}),
    identity: loaded.identity,
    ...(loaded.scpChain ? { scpLevels: loaded.scpChain.levels } : {}),
    ...(loaded.boundary ? { permissionsBoundary: loaded.boundary } : {}),
    sessionPolicies: loaded.sessionPolicies,
    warnings: loaded.warnings,
    actionCorrections: loaded.actionCorrections,
    assumptions: loaded.assumptions,
  };
}
