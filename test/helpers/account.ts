import type {
  AccountModel,
  AccountRole,
  AccountUser,
  Policy,
  ScpLevel,
  UnresolvedPolicy,
} from '../../src/model/index.js';
import { policy } from './policies.js';

export const ACCOUNT_ID = '111122223333';

/** A customer managed policy parsed from JSON with the project's parser, carrying its ARN. */
export function managedPolicy(name: string, document: object): Policy {
  const arn = `arn:aws:iam::${ACCOUNT_ID}:policy/${name}`;
  return policy(document, { file: `snapshot.json`, name, arn });
}

/** An inline policy of one principal. */
export function inlinePolicy(owner: string, name: string, document: object): Policy {
  return policy(document, { file: `snapshot.json`, name: `${owner}/${name}` });
}

export function role(
  name: string,
  policies: readonly Policy[],
  extra: {
    tags?: Record<string, string>;
    path?: string;
    boundary?: Policy | UnresolvedPolicy;
    unresolved?: UnresolvedPolicy[];
    serviceLinked?: boolean;
  } = {},
): AccountRole {
  const path = extra.path ?? '/';
  return {
    arn: `arn:aws:iam::${ACCOUNT_ID}:role${path}${name}`,
    name,
    path,
    policies,
    unresolvedPolicies: extra.unresolved ?? [],
    tags: extra.tags ?? {},
    ...(extra.boundary ? { permissionsBoundary: extra.boundary } : {}),
    serviceLinked: extra.serviceLinked ?? false,
  };
}

export function user(
  name: string,
  policies: readonly Policy[],
  extra: { groups?: string[]; tags?: Record<string, string> } = {},
): AccountUser {
  return {
    arn: `arn:aws:iam::${ACCOUNT_ID}:user/${name}`,
    name,
    path: '/',
    policies,
    unresolvedPolicies: [],
    groups: extra.groups ?? [],
    tags: extra.tags ?? {},
  };
}

export function account(parts: {
  roles?: AccountRole[];
  users?: AccountUser[];
  groups?: AccountModel['groups'];
  scpLevels?: ScpLevel[];
  modelsInUse?: string[];
  id?: string;
}): AccountModel {
  return {
    accountId: parts.id ?? ACCOUNT_ID,
    partition: 'aws',
    ...(parts.scpLevels ? { scpLevels: parts.scpLevels } : {}),
    users: parts.users ?? [],
    groups: parts.groups ?? [],
    roles: parts.roles ?? [],
    regions: ['us-east-1'],
    ...(parts.modelsInUse ? { bedrock: { modelsInUse: parts.modelsInUse } } : {}),
    origin: { kind: 'snapshot', file: 'snapshot.json' },
    warnings: [],
  };
}
