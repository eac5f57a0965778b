import type {
  AccountRole,
  IacConfig,
  IacFragment,
  IacPrincipal,
  IacScp,
  InputIssue,
  Policy,
} from '../../model/index.js';
import { checkActionNames, parsePolicyDocument } from '../../parse/index.js';
import { iamData } from '../iam-data.js';
import { matchesGlob } from './discover.js';
import type { IacFile, IacReader, IacReadOptions } from './reader.js';

/**
 * Plain policy JSON files, opt-in by `.policy-check.yml`: `policies: [{path, principal, type}]`. Identity
 * policies and boundaries belong to the role or user `principal` names (merged with the principal of that
 * name another reader declares; a role of that name otherwise); an SCP is attached to the account the
 * repository deploys to.
 */
export const policyJsonReader: IacReader = {
  format: 'policy-json',
  matches: (path: string, config: IacConfig) => config.policies.some((mapping) => matchesGlob(path, mapping.path)),
  read(files: readonly IacFile[], options: IacReadOptions) {
    const roles = new Map<string, { identity: Policy[]; boundary?: Policy; line: number; file: string }>();
    const scps: IacScp[] = [];
    const issues: InputIssue[] = [];
    for (const file of files) {
      for (const mapping of options.config.policies.filter((entry) => matchesGlob(file.path, entry.path))) {
        const name = file.path.slice(file.path.lastIndexOf('/') + 1);
        const parsed = parsePolicyDocument(file.text, file.path, { type: mapping.type, name });
        issues.push(...parsed.issues);
        if (!parsed.policy) continue;
        issues.push(...checkActionNames(parsed.policy, file.text, iamData()).issues);
        const declaredAt = { file: file.path, line: 1, column: 1 };
        if (mapping.type === 'scp') {
          scps.push({
            policy: parsed.policy,
            address: `policy-json:${file.path}`,
            declaredAt,
            targets: [{ kind: 'account', declaredAt: mapping.span }],
          });
          continue;
        }
        const entry = roles.get(mapping.principal) ?? { identity: [], line: 1, file: file.path };
        if (mapping.type === 'identity') entry.identity.push(parsed.policy);
        else entry.boundary = parsed.policy;
        roles.set(mapping.principal, entry);
      }
    }
    return {
      format: 'policy-json',
      users: [],
      groups: [],
      roles: [...roles].map(
        ([name, entry]): IacPrincipal<AccountRole> => ({
          arn: '',
          name,
          path: '/',
          policies: entry.identity,
          unresolvedPolicies: [],
          tags: {},
          serviceLinked: false,
          ...(entry.boundary ? { permissionsBoundary: entry.boundary } : {}),
          address: name,
          declaredAt: { file: entry.file, line: entry.line, column: 1 },
        }),
      ),
      managedPolicies: [],
      scps,
      organizationNodes: [],
      unknowns: [],
      issues,
    } satisfies IacFragment;
  },
};
