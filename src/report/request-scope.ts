import type { CheckEntry } from './words/worded-reports.js';

/**
 * "4 of 8 requests: the model in us-east-2 and us-west-2, both actions": which of the requests AWS
 * authorizes for the call a finding or condition applies to, short enough for one line.
 */
export function requestScope(checks: readonly CheckEntry[], all: readonly CheckEntry[]): string {
  const targets: string[] = [];
  const modelRegions: string[] = [];
  for (const check of checks) {
    const target = targetOf(check.resource);
    if (target.region !== undefined) {
      if (!modelRegions.includes(target.region)) modelRegions.push(target.region);
      if (!targets.includes(MODEL)) targets.push(MODEL);
    } else if (!targets.includes(target.text)) {
      targets.push(target.text);
    }
  }
  const described = targets.map((target) => (target === MODEL ? `the model in ${joinAnd(modelRegions)}` : target));
  const actions = [...new Set(checks.map((check) => check.action))];
  const allActions = new Set(all.map((check) => check.action));
  const actionText =
    actions.length === allActions.size && actions.length > 1
      ? actions.length === 2
        ? 'both actions'
        : 'every action'
      : joinAnd(actions.map(shortAction));
  return `${checks.length} of ${all.length} request${all.length === 1 ? '' : 's'}: ${joinAnd(described)}, ${actionText}`;
}

const MODEL = '\u0000model';

function targetOf(resource: string): { text: string; region?: string } {
  const parts = resource.split(':');
  const region = parts[3] ?? '';
  const resourcePart = parts.slice(5).join(':');
  const type = resourcePart.split('/', 1)[0] ?? '';
  if (type === 'foundation-model')
    return region === '' ? { text: 'the Region-less model ARN of the global profile' } : { text: '', region };
  if (parts.length < 6 || type === '') return { text: resource };
  return { text: `the ${type.replace(/-/g, ' ')}${region ? ` in ${region}` : ''}` };
}

function shortAction(action: string): string {
  return action.replace(/^bedrock:/, '');
}

function joinAnd(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
