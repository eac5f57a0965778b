import type { PrincipalPolicies } from '../model/index.js';
import type { CheckInput } from '../diagnose/check-input.js';

/** What a check asks besides the principal's policies: the call, the request context and the run. */
export type CheckOptions = Omit<
  CheckInput,
  | 'principal'
  | 'identity'
  | 'scpLevels'
  | 'permissionsBoundary'
  | 'sessionPolicies'
  | 'actionCorrections'
  | 'inputWarnings'
  | 'unresolvedPolicies'
  | 'principalTags'
  | 'accountBedrock'
>;

/**
 * The one place a check's input is assembled, whichever way in (check, explain's reproduction): the
 * loaded policies of one principal plus the call. The options' assumptions (about the call, e.g. where
 * the Region came from) come before the source's.
 */
export function checkInputFrom(policies: PrincipalPolicies, options: CheckOptions): CheckInput {
  const { assumptions: optionAssumptions, ...rest } = options;
  const sessionPolicies = policies.sessionPolicies ?? [];
  const actionCorrections = policies.actionCorrections ?? [];
  const warnings = policies.warnings ?? [];
  const assumptions = [...(optionAssumptions ?? []), ...(policies.assumptions ?? [])];
  return {
    ...rest,
    identity: policies.identity,
    ...(policies.scpLevels ? { scpLevels: policies.scpLevels } : {}),
    ...(policies.permissionsBoundary ? { permissionsBoundary: policies.permissionsBoundary } : {}),
    ...(sessionPolicies.length > 0 ? { sessionPolicies } : {}),
    ...(policies.principal ? { principal: policies.principal } : {}),
    ...(actionCorrections.length > 0 ? { actionCorrections } : {}),
    ...(warnings.length > 0 ? { inputWarnings: warnings } : {}),
    ...(assumptions.length > 0 ? { assumptions } : {}),
    ...(policies.unresolvedPolicies && policies.unresolvedPolicies.length > 0
      ? { unresolvedPolicies: policies.unresolvedPolicies }
      : {}),
    ...(policies.principalTags ? { principalTags: policies.principalTags } : {}),
    ...(policies.accountBedrock ? { accountBedrock: policies.accountBedrock } : {}),
  };
}
