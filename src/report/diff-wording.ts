// The words every diff format shares: the headline, the title of each kind of change, and one check's
// state on one side.
import {
  ACCESS_CHANGE_KINDS,
  POLICY_TYPE_WORDING,
  type AccessChangeKind,
  type AccessDiffReport,
  type AccessDiffRow,
  type CellState,
  type CheckState,
  type DiffStatement,
} from '../model/index.js';

export const CHANGE_TITLES: Readonly<Record<AccessChangeKind, string>> = {
  lost: 'Access lost (allowed → denied)',
  'possibly-lost': 'Access possibly lost (allowed → conditional or incomplete, or conditional or incomplete → denied)',
  gained: 'Access gained (denied → allowed)',
  'possibly-gained':
    'Access possibly gained (denied → conditional or incomplete, or conditional or incomplete → allowed)',
  'cause-changed': 'Same access, another cause',
  added: 'Only in NEW',
  removed: 'Only in OLD',
};

const HEADLINES: Readonly<Record<AccessChangeKind, string>> = {
  lost: 'ACCESS LOST',
  'possibly-lost': 'ACCESS POSSIBLY LOST',
  gained: 'ACCESS GAINED',
  'possibly-gained': 'ACCESS POSSIBLY GAINED',
  'cause-changed': 'CAUSE CHANGED',
  added: 'CELLS ADDED',
  removed: 'CELLS REMOVED',
};

const SUMMARY_WORDS: Readonly<Record<AccessChangeKind | 'unchanged', string>> = {
  lost: 'lost',
  'possibly-lost': 'possibly lost',
  gained: 'gained',
  'possibly-gained': 'possibly gained',
  'cause-changed': 'cause changed',
  added: 'only in NEW',
  removed: 'only in OLD',
  unchanged: 'unchanged',
};

/** The most severe change present, as the first word of every format; NO CHANGE when there is none. */
export function diffHeadline(report: AccessDiffReport): string {
  const kind = ACCESS_CHANGE_KINDS.find((candidate) => report.summary[candidate] > 0);
  return kind ? HEADLINES[kind] : 'NO CHANGE';
}

/** "1 lost, 2 gained, 40 unchanged" (principal × model × Region cells); kinds with no cell are left out. */
export function summaryText(report: AccessDiffReport): string {
  const parts = [...ACCESS_CHANGE_KINDS, 'unchanged' as const]
    .filter((kind) => report.summary[kind] > 0)
    .map((kind) => `${report.summary[kind]} ${SUMMARY_WORDS[kind]}`);
  return parts.length > 0 ? parts.join(', ') : 'both matrices are empty';
}

/** "fails (--fail-on lost): exit 1", or "passes (--fail-on lost): exit 0". */
export function failText(report: AccessDiffReport): string {
  const flags = report.failOn.map((value) => `--fail-on ${value}`).join(' ');
  return report.fails ? `fails (${flags}): exit 1` : `passes (${flags}): exit 0`;
}

/** "allowed", "allowed, but the call fails", "denied", …, or "absent" for a cell only on the other side. */
export function verdictText(state: CellState | null): string {
  if (!state) return 'absent';
  return state.fails ? 'allowed, but the call fails' : state.verdict;
}

/** A statement by what names it in a short line: its Sid, else its policy. */
function statementName(statement: DiffStatement): string {
  return statement.sid ? `Sid ${statement.sid}` : statement.policyName;
}

/** One check on one side in a few words: "explicit deny in a service control policy (level Prod): Sid X". */
function checkStateBrief(state: CheckState | null): string {
  if (!state) return 'absent';
  if (state.decision === 'explicit-deny' && state.deniedBy) {
    const level = state.deniedAtLevel ? ` (level ${state.deniedAtLevel})` : '';
    const names = [...new Set(state.deciding.map(statementName))];
    return `explicit deny in ${POLICY_TYPE_WORDING[state.deniedBy].article} ${POLICY_TYPE_WORDING[state.deniedBy].name}${level}${names.length > 0 ? `: ${names.join(', ')}` : ''}`;
  }
  if (state.decision === 'conditional')
    return state.conditions.length > 0 ? `conditional: ${state.conditions.join('; ')}` : 'conditional';
  return checkStateText(state);
}

/**
 * Why a row changed, one phrase per distinct change of its checks with how many checks show it ("2 checks:
 * allowed → explicit deny in a service control policy: Sid DenyOutside"), then the findings that came or went.
 */
export function rowReasons(row: AccessDiffRow): string[] {
  if (!row.old) return ['only in NEW'];
  if (!row.new) return ['only in OLD'];
  const counts = new Map<string, number>();
  for (const check of row.checks) {
    const text = `${checkStateBrief(check.old)} → ${checkStateBrief(check.new)}`;
    counts.set(text, (counts.get(text) ?? 0) + 1);
  }
  const reasons = [...counts].map(([text, count]) => `${count} ${count === 1 ? 'check' : 'checks'}: ${text}`);
  const before = row.old.findings;
  const after = row.new.findings;
  for (const finding of after) if (!before.includes(finding)) reasons.push(`finding now: ${findingHead(finding)}`);
  for (const finding of before)
    if (!after.includes(finding)) reasons.push(`finding no longer: ${findingHead(finding)}`);
  return reasons;
}

/** "error model-access: ResourceNotFoundException" from a finding line: the message is in the details. */
function findingHead(finding: string): string {
  const colon = finding.indexOf(': ');
  const second = colon < 0 ? -1 : finding.indexOf(':', colon + 2);
  return second < 0 ? finding : finding.slice(0, second);
}

function statementText(statement: DiffStatement): string {
  const place = statement.builtIn ? 'built in' : `${statement.file}:${statement.line}`;
  return `${statement.policyArn ?? statement.policyName}${statement.sid ? ` Sid ${statement.sid}` : ''} (${place})`;
}

/** One check on one side: "explicit deny in a service control policy (level Prod): DenyRegions Sid X (scp.json:4)". */
export function checkStateText(state: CheckState | null): string {
  if (!state) return 'absent';
  const level = state.deniedAtLevel ? ` (level ${state.deniedAtLevel})` : '';
  switch (state.decision) {
    case 'allowed':
      return 'allowed';
    case 'explicit-deny': {
      const wording = state.deniedBy ? POLICY_TYPE_WORDING[state.deniedBy] : undefined;
      const where = wording ? ` in ${wording.article} ${wording.name}${level}` : '';
      const by = state.deciding.length > 0 ? `: ${state.deciding.map(statementText).join(', ')}` : '';
      return `explicit deny${where}${by}`;
    }
    case 'implicit-deny':
      return state.deniedBy
        ? `implicit deny: no ${POLICY_TYPE_WORDING[state.deniedBy].name}${level} allows it`
        : 'implicit deny';
    case 'conditional':
      return state.conditions.length > 0 ? `conditional: ${state.conditions.join('; ')}` : 'conditional';
  }
}

/** The error AWS returns on the NEW side when it differs from OLD's; undefined when it does not change. */
export function newMessage(oldState: CheckState | null, newState: CheckState | null): string | undefined {
  const message = newState?.message ?? undefined;
  return message !== undefined && message !== oldState?.message ? message : undefined;
}
