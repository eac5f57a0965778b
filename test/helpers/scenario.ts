import { readFileSync } from 'node:fs';
import { check, type CheckInput } from '../../src/diagnose/check.js';
import type { CheckEntry, CheckReport } from '../../src/diagnose/types.js';
import { formatInputIssue, parsePrincipal, type Policy, type PolicyType, type Principal, type ScpLevel } from '../../src/model/index.js';
import { assembleScpLevels, parseScpLevels } from '../../src/parse/index.js';
import { policy } from './policies.js';

export const ACCOUNT = '111122223333';
export const ROLE_SESSION = `arn:aws:sts::${ACCOUNT}:assumed-role/BedrockApp/app-session`;
export const NOW = new Date('2026-12-01T12:00:00Z');

/** A folder of policy files under test/corpus/policies/, named in reports by its repository-relative path. */
export class Scenario {
  readonly dir: URL;
  readonly path: string;

  constructor(readonly name: string) {
    this.dir = new URL(`../corpus/policies/${name}/`, import.meta.url);
    this.path = `test/corpus/policies/${name}`;
  }

  text(file: string): string {
    return readFileSync(new URL(file, this.dir), 'utf8');
  }

  policy(file: string, type: PolicyType = 'identity', meta: { name?: string; arn?: string } = {}): Policy {
    return policy(this.text(file), { type, file: `${this.path}/${file}`, ...meta });
  }

  /** An SCP-levels file, with `file` entries read relative to the scenario folder. */
  scpLevels(file = 'scp-levels.json'): ScpLevel[] {
    const parsed = parseScpLevels(this.text(file), `${this.path}/${file}`);
    if (!parsed.levels) throw new Error(parsed.issues.map(formatInputIssue).join('\n'));
    return assembleScpLevels(parsed.levels, (entry) =>
      this.policy(entry.path, 'scp', { name: entry.name, ...(entry.arn !== undefined ? { arn: entry.arn } : {}) }),
    );
  }
}

export function principal(arn: string): Principal {
  const parsed = parsePrincipal(arn);
  if (!parsed) throw new Error(`not a principal ARN: ${arn}`);
  return parsed;
}

/** check() with the defaults of these scenarios: the BedrockApp role session in us-east-1, InvokeModel only. */
export function runCheck(input: Partial<CheckInput> & Pick<CheckInput, 'identity' | 'model'>): CheckReport {
  return check({
    region: 'us-east-1',
    principal: principal(ROLE_SESSION),
    actions: ['bedrock:InvokeModel'],
    now: NOW,
    toolVersion: '0.0.0-test',
    ...input,
  });
}

/** One row per check: what the scenario tests assert. */
export function rows(report: CheckReport): { action: string; resource: string; decision: CheckEntry['decision']; deniedBy: CheckEntry['deniedBy']; deniedAtLevel: string | null; message: string | null }[] {
  return report.checks.map(({ action, resource, decision, deniedBy, deniedAtLevel, message }) => ({ action, resource, decision, deniedBy, deniedAtLevel, message }));
}

export function allowedRow(action: string, resource: string) {
  return { action, resource, decision: 'allowed' as const, deniedBy: null, deniedAtLevel: null, message: null };
}
