import type { IacFragment, InputIssue } from '../../model/index.js';
import { readCloudFormation } from '../../parse/cloudformation/read-cloudformation.js';
import type { IacFile, IacReader, IacReadOptions } from './reader.js';

const TEMPLATE_EXTENSIONS = ['.yaml', '.yml', '.json', '.template'];
// A CloudFormation template names its format version or declares AWS:: resource types; other YAML and JSON
// files of a repository (workflows, package manifests, the config) do not.
const TEMPLATE_MARK = /AWSTemplateFormatVersion|["']?Type["']?\s*:\s*["']?AWS::/;

/** CloudFormation templates (JSON or YAML) outside CDK cloud assemblies. */
export const cloudFormationReader: IacReader = {
  format: 'cloudformation',
  matches: (path) =>
    !inCdkOut(path) &&
    !path.endsWith('.policy-check.yml') &&
    TEMPLATE_EXTENSIONS.some((extension) => path.endsWith(extension)),
  read: (files, options) =>
    readCloudFormation(
      files.filter((file) => TEMPLATE_MARK.test(file.text)),
      cloudFormationOptions(options),
    ),
};

/** CDK cloud assemblies: each `cdk.out` directory's manifest and the templates it lists, read as one. */
export const cdkReader: IacReader = {
  format: 'cdk',
  matches: inCdkOut,
  read(files: readonly IacFile[], options: IacReadOptions): IacFragment {
    const assemblies = new Map<string, IacFile[]>();
    for (const file of files) {
      const root = file.path.slice(0, file.path.indexOf('cdk.out/') + 'cdk.out'.length);
      assemblies.set(root, [...(assemblies.get(root) ?? []), file]);
    }
    const fragments = [...assemblies.keys()]
      .sort()
      .map((root) => readCloudFormation(assemblies.get(root)!, cloudFormationOptions(options)));
    return mergeFragments(fragments);
  },
};

function inCdkOut(path: string): boolean {
  return path.startsWith('cdk.out/') || path.includes('/cdk.out/');
}

function cloudFormationOptions(options: IacReadOptions) {
  return {
    ...(options.config.account !== undefined ? { accountId: options.config.account } : {}),
    ...(options.config.region !== undefined ? { region: options.config.region } : {}),
  };
}

function mergeFragments(fragments: readonly IacFragment[]): IacFragment {
  const issues: InputIssue[] = fragments.flatMap((fragment) => fragment.issues);
  return {
    format: 'cdk',
    users: fragments.flatMap((fragment) => fragment.users),
    groups: fragments.flatMap((fragment) => fragment.groups),
    roles: fragments.flatMap((fragment) => fragment.roles),
    managedPolicies: fragments.flatMap((fragment) => fragment.managedPolicies),
    scps: fragments.flatMap((fragment) => fragment.scps),
    organizationNodes: fragments.flatMap((fragment) => fragment.organizationNodes),
    unknowns: fragments.flatMap((fragment) => fragment.unknowns),
    issues,
  };
}
