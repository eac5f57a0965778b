import type { InputIssue, IssueSeverity } from '../model/index.js';
import type { NodeLocation } from './json-tree.js';

function issueAtNode(
  file: string,
  node: NodeLocation,
  severity: IssueSeverity,
  code: string,
  message: string,
): InputIssue {
  return { severity, file, line: node.line, column: node.column, code, message };
}

export function errorAt(file: string, node: NodeLocation, code: string, message: string): InputIssue {
  return issueAtNode(file, node, 'error', code, message);
}

export function warningAt(file: string, node: NodeLocation, code: string, message: string): InputIssue {
  return issueAtNode(file, node, 'warning', code, message);
}
