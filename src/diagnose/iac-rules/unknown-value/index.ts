import { message } from '../../../model/index.js';
import type { IacRule, IacRuleFinding, IacRuleInput } from '../rule.js';

/**
 * A value the repository does not fix before deployment: never replaced by a guess, so the checks it
 * decides are conditional or incomplete — and said here, at its line, rather than silently dropped.
 */
export const unknownValueRule: IacRule = {
  id: 'unknown-value',
  title: 'A value known only after deployment',
  finds:
    'a value known only after deployment (a computed attribute, a variable without a value, a remote module): note at its line; the checks it decides are conditional or incomplete, never allowed',
  severity: 'note',
  securitySeverity: '1.0',
  tags: ['iam', 'iac'],
  help: 'policy-check does not run Terraform or CloudFormation: a reference to a computed attribute, a variable without a default, a remote module or an imported value is unknown, and the checks that depend on it are conditional or incomplete. Give the value literally, a default or a .tfvars value to have it checked.',
  helpUri: 'https://developer.hashicorp.com/terraform/language/expressions/references',
  findings(input: IacRuleInput): IacRuleFinding[] {
    return input.fragments.flatMap((fragment) =>
      fragment.unknowns.map((unknown) => ({
        file: unknown.span.file,
        line: unknown.span.line,
        column: unknown.span.column,
        address: unknown.affects,
        statement: unknown.expression,
        message: message('value-unknown', {
          expression: unknown.expression,
          reason: unknown.reason,
          affects: unknown.affects,
        }),
      })),
    );
  },
};
