import { readCloudFormation } from '../../parse/cloudformation/read-cloudformation.js';
import type { IacReader, IacReadOptions } from './reader.js';

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

/**
 * CDK cloud assemblies: each `cdk.out` directory's manifest and the templates it lists. One call reads them
 * all: readCloudFormation follows every top-level manifest to its own stacks.
 */
export const cdkReader: IacReader = {
  format: 'cdk',
  matches: inCdkOut,
  read: (files, options) => readCloudFormation(files, cloudFormationOptions(options)),
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
