import { message } from '../../../model/index.js';
import type { IacRule, IacRuleFinding, IacRuleInput } from '../rule.js';

/** A `suppress:` entry past its `expires` date no longer hides findings, and says so itself. */
export const expiredSuppressionRule: IacRule = {
  id: 'expired-suppression',
  title: 'A suppression has expired',
  finds: 'a `suppress:` entry past its `expires` date (it no longer hides anything)',
  severity: 'warning',
  securitySeverity: '3.0',
  tags: ['iac', 'maintainability'],
  help: 'A suppression in `.policy-check.yml` is past its `expires` date, so the findings it hid are reported again. Fix them, or renew the suppression with a new date and reason.',
  helpUri: 'https://github.com/policy-check/policy-check#policy-check-iac',
  findings(input: IacRuleInput): IacRuleFinding[] {
    const today = input.now.toISOString().slice(0, 10);
    return input.config.suppress
      .filter((suppression) => isExpired(suppression.expires, today))
      .map((suppression) => ({
        file: suppression.span.file,
        line: suppression.span.line,
        column: suppression.span.column,
        statement: `${suppression.rule} ${suppression.path}`,
        message: message('suppression-expired', {
          rule: suppression.rule,
          path: suppression.path,
          expires: suppression.expires,
          reason: suppression.reason,
        }),
      }));
  },
};

/** A suppression holds through its `expires` day (UTC). */
export function isExpired(expires: string, today: string): boolean {
  return expires < today;
}
