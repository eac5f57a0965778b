import type { IacRule, IacRuleFinding, IacRuleInput } from '../rule.js';

const REASONS: Readonly<Record<string, string>> = {
  'computed-attribute': 'an attribute known only after the resource is created',
  'variable-without-default': 'a variable without a default or value',
  'remote-module': 'a module outside the repository',
  'unsupported-expression': 'an expression policy-check does not evaluate',
  'import-value': 'a value another stack exports',
  'plan-after-unknown': 'a value the plan marks as known after apply',
};

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
        message: `${unknown.expression} is ${REASONS[unknown.reason] ?? unknown.reason}: the checks of ${unknown.affects} that depend on it are conditional or incomplete`,
      })),
    );
  },
};
