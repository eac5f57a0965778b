import { POLICY_TYPE_WORDING, type PolicyType } from '../model/index.js';

type DenialKind = 'explicit' | 'implicit';

export interface AccessDeniedInput {
  /** The caller's ARN as AWS prints it, e.g. arn:aws:sts::123456789012:assumed-role/Role/session. */
  readonly principal: string;
  readonly action: string;
  readonly resource: string;
  readonly policyType: PolicyType;
  readonly kind: DenialKind;
  /** Appended to explicit-deny messages when known, as AWS does; AWS never prints it for implicit denies. */
  readonly policyArn?: string;
}

/** The AccessDeniedException message text Bedrock returns, character for character. */
export function accessDeniedMessage(input: AccessDeniedInput): string {
  const { name, article } = POLICY_TYPE_WORDING[input.policyType];
  const head = `User: ${input.principal} is not authorized to perform: ${input.action} on resource: ${input.resource}`;
  if (input.kind === 'implicit') return `${head} because no ${name} allows the ${input.action} action`;
  const suffix = input.policyArn ? `: ${input.policyArn}` : '';
  return `${head} with an explicit deny in ${article} ${name}${suffix}`;
}
