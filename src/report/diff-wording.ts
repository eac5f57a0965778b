// The words every diff format shares: the headline, the title of each kind of change, and one check's
// state on one side.
import {
  ACCESS_CHANGE_KINDS,
  POLICY_TYPE_WORDING,
  type AccessChangeKind,
  type AccessDiffReport,
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

export function statementText(statement: DiffStatement): string {
  return `${statement.policyArn ?? statement.policyName}${statement.sid ? ` Sid ${statement.sid}` : ''} (${statement.file}:${statement.line})`;
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
