import { message, type CheckReport, type Finding } from '../../../model/index.js';

/**
 * The warnings of an allowed call that the policy of an interface endpoint of the account would not allow, from the
 * report of the same call through that endpoint: its endpoint-policy findings (predicted error, verified fix) as
 * warnings naming the endpoint; when the endpoint's gate is undecided (conditions, a principal it cannot match),
 * one warning that it may deny.
 */
export function endpointWarnings(endpointId: string, through: CheckReport): Finding[] {
  const denials = through.findings.filter((finding) => finding.rule === 'vpc-endpoint-policy');
  if (denials.length > 0)
    return denials.map((finding) => ({
      ...finding,
      severity: 'warning' as const,
      // The gate's finding is data: the endpoint is one more of its parameters (report/words/ says "calls through …").
      ...(finding.message
        ? { message: message(finding.message.code, { ...finding.message.params, endpoint: endpointId }) }
        : {}),
    }));
  const checks = through.checks.filter((entry) => entry.decision !== 'allowed');
  return [
    {
      rule: 'vpc-endpoint-policy',
      severity: 'warning',
      message: message('endpoint-may-deny', { endpoint: endpointId, verdict: through.verdict }),
      locations: [],
      checks: checks.map((entry) => `${entry.action} on ${entry.resource}`),
      fixes: [],
    },
  ];
}
