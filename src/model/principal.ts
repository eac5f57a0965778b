import { parseArn } from './arn.js';
import { message } from './message.js';
import type { Assumption } from './notes.js';
import type { PartialValue } from './request.js';

export type PrincipalKind = 'user' | 'role-session' | 'federated-user' | 'root' | 'placeholder';

/** The caller, as far as its ARN tells. */
export interface Principal {
  readonly kind: PrincipalKind;
  /** As AWS prints it in an AccessDenied message (a role's session as its sts assumed-role ARN). */
  readonly displayArn: string;
  readonly account: string;
  readonly partition: string;
  /** aws:PrincipalArn: the role's ARN for a role session, else the caller's ARN. */
  readonly principalArn?: string;
  /** For a session named by its sts ARN: aws:PrincipalArn known except for the role's path. */
  readonly principalArnUpToPath?: PartialValue;
  /** aws:PrincipalType as AWS documents it. */
  readonly principalType?: 'User' | 'AssumedRole' | 'FederatedUser' | 'Account';
  readonly userName?: string;
  readonly roleName?: string;
  readonly sessionName?: string;
  /** Service-linked roles are not restricted by SCPs. */
  readonly serviceLinkedRole: boolean;
  /** What had to be assumed to read the ARN this way. */
  readonly assumptions: readonly Assumption[];
}

export const PLACEHOLDER_ACCOUNT = '123456789012';
export const PLACEHOLDER_PRINCIPAL = `arn:aws:sts::${PLACEHOLDER_ACCOUNT}:assumed-role/PLACEHOLDER-ROLE/PLACEHOLDER-SESSION`;
const SESSION_PLACEHOLDER = 'SESSION-NAME';

export function placeholderPrincipal(): Principal {
  return {
    kind: 'placeholder',
    displayArn: PLACEHOLDER_PRINCIPAL,
    account: PLACEHOLDER_ACCOUNT,
    partition: 'aws',
    serviceLinkedRole: false,
    assumptions: [message('principal-placeholder', { account: PLACEHOLDER_ACCOUNT })],
  };
}

/** Reads an IAM user, IAM role, assumed-role session, federated user or root ARN; undefined if it is none. */
export function parsePrincipal(text: string): Principal | undefined {
  const arn = parseArn(text);
  if (!arn || !/^\d{12}$/.test(arn.account) || arn.region !== '') return undefined;
  const { partition, account, resource } = arn;
  const base = { account, partition, assumptions: [] as Assumption[] };
  if (arn.service === 'iam' && resource === 'root') {
    return {
      ...base,
      kind: 'root',
      displayArn: text,
      principalArn: text,
      principalType: 'Account',
      serviceLinkedRole: false,
    };
  }
  if (arn.service === 'iam' && resource.startsWith('user/')) {
    const userName = lastPathPart(resource);
    if (!userName) return undefined;
    return {
      ...base,
      kind: 'user',
      displayArn: text,
      principalArn: text,
      principalType: 'User',
      userName,
      serviceLinkedRole: false,
    };
  }
  if (arn.service === 'iam' && resource.startsWith('role/')) {
    const roleName = lastPathPart(resource);
    if (!roleName) return undefined;
    return {
      ...base,
      kind: 'role-session',
      displayArn: `arn:${partition}:sts::${account}:assumed-role/${roleName}/${SESSION_PLACEHOLDER}`,
      principalArn: text,
      principalType: 'AssumedRole',
      roleName,
      serviceLinkedRole: resource.startsWith('role/aws-service-role/'),
      assumptions: [message('role-session-name', { session: SESSION_PLACEHOLDER })],
    };
  }
  if (arn.service === 'sts' && resource.startsWith('assumed-role/')) {
    const [, roleName, ...session] = resource.split('/');
    if (!roleName || session.length === 0 || !session.join('/')) return undefined;
    return {
      ...base,
      kind: 'role-session',
      displayArn: text,
      principalArn: `arn:${partition}:iam::${account}:role/${roleName}`,
      principalArnUpToPath: { prefix: `arn:${partition}:iam::${account}:role`, hidden: 'iam-path', suffix: roleName },
      principalType: 'AssumedRole',
      roleName,
      sessionName: session.join('/'),
      // A service-linked role's session ARN does not show the aws-service-role path, so only a role ARN can tell.
      serviceLinkedRole: false,
      assumptions: [message('principal-arn-path')],
    };
  }
  if (arn.service === 'sts' && resource.startsWith('federated-user/')) {
    const userName = resource.slice('federated-user/'.length);
    if (!userName) return undefined;
    return {
      ...base,
      kind: 'federated-user',
      displayArn: text,
      principalArn: text,
      principalType: 'FederatedUser',
      serviceLinkedRole: false,
    };
  }
  return undefined;
}

function lastPathPart(resource: string): string | undefined {
  const parts = resource.split('/');
  return parts.length >= 2 ? parts[parts.length - 1] || undefined : undefined;
}
