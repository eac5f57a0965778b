import { readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { IacFragment } from '../../model/index.js';
import { type CloudFormationOptions, readCloudFormation } from '../../parse/cloudformation/read-cloudformation.js';
import { readInputFile } from '../policy-files.js';

/**
 * Reads CloudFormation templates, given relative to the repository `root` (the paths policies and
 * findings name). A file that cannot be read throws an InputError; a bad template is an error in `issues`.
 */
export function loadCloudFormationTemplates(
  root: string,
  paths: readonly string[],
  options: CloudFormationOptions,
): IacFragment {
  return readCloudFormation(
    paths.map((path) => readRelative(root, path)),
    options,
  );
}

/**
 * Reads a CDK cloud assembly (`cdk.out`): its manifests and the templates they may list, nested
 * assemblies (CDK stages) included. Assets are not read: they hold no IAM resources.
 */
export function loadCdkAssembly(root: string, assembly: string, options: CloudFormationOptions): IacFragment {
  const paths = readdirSync(join(root, assembly), { recursive: true, encoding: 'utf8' })
    .map((entry) => entry.split(sep).join('/'))
    .filter((entry) => /(^|\/)manifest\.json$/.test(entry) || entry.endsWith('.template.json'))
    .sort()
    .map((entry) =>
      relative(root, join(root, assembly, entry))
        .split(sep)
        .join('/'),
    );
  return readCloudFormation(
    paths.map((path) => readRelative(root, path)),
    options,
  );
}

function readRelative(root: string, path: string): { path: string; text: string } {
  return { path, text: readInputFile(join(root, path)) };
}
