import { readFileSync } from 'node:fs';
import { formatInputIssue, type InputIssue } from '../../src/model/index.js';

const FIXTURES = new URL('../fixtures/policies/', import.meta.url);

export function fixture(name: string): string {
  return readFileSync(new URL(name, FIXTURES), 'utf8');
}

/** Issues as `file:line:column: severity: message`, the form users see. */
export function formatted(issues: readonly InputIssue[]): string[] {
  return issues.map(formatInputIssue);
}

/** `line:column` (1-based) of the first occurrence of `needle` at or after `from`, computed from the text alone. */
export function positionOf(text: string, needle: string, from = 0): string {
  const offset = text.indexOf(needle, from);
  if (offset === -1) throw new Error(`${JSON.stringify(needle)} not in text`);
  const before = text.slice(0, offset).split('\n');
  return `${before.length}:${(before.at(-1)?.length ?? 0) + 1}`;
}
