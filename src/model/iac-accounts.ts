import type { AccountModel } from './account.js';
import type { Assumption } from './notes.js';
import type { Span } from './span.js';

/**
 * A repository as accounts to evaluate: one AccountModel per variant of what the repository does not
 * say. Without `account` in the config, the account is a guess (two variants with different ids); an SCP
 * attached to an OU or account the repository cannot place is applied in one variant and not in the other.
 * A cell that the variants decide differently is conditional, never allowed on a guess.
 */
export interface IacAccounts {
  readonly variants: readonly IacVariant[];
  readonly principals: readonly IacPrincipalRef[];
  /** The SCPs that apply only if the account sits where the repository does not say, each in words. */
  readonly conditionalScps: readonly string[];
  readonly assumptions: readonly Assumption[];
}

export interface IacVariant {
  readonly account: AccountModel;
  /** The account id is a placeholder, not the account the repository deploys to. */
  readonly accountGuessed: boolean;
  /** The conditional SCPs are applied in this variant. */
  readonly withConditionalScps: boolean;
}

/** A user or role of the repository, as the report names it. */
export interface IacPrincipalRef {
  /** `role/<name>` or `user/<name>`: the same in every variant and in the base revision. */
  readonly key: string;
  readonly type: 'user' | 'role';
  readonly name: string;
  /** Terraform address, CloudFormation logical id, or the name for plain policy files. */
  readonly address: string;
  readonly declaredAt: Span;
}
