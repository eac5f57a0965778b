import { posix } from 'node:path';
import type { IacReader } from './reader.js';
import { isTerraformPlan, plannedRootDirs, readTerraformPlans } from './terraform/read-plan.js';
import { isConfigurationFile, isTerraformFile, readTerraform } from './terraform/read-terraform.js';

/** JSON files of other tools, never a plan. */
const NOT_PLANS: ReadonlySet<string> = new Set(['package.json', 'package-lock.json', 'tsconfig.json', 'composer.json']);

/** A JSON file that may be a Terraform plan (`terraform show -json`): its content decides. */
function isPlanCandidate(path: string): boolean {
  return (
    path.endsWith('.json') &&
    !path.endsWith('.tf.json') &&
    !path.endsWith('.tfvars.json') &&
    !/(^|\/)cdk\.out\//.test(path) &&
    !NOT_PLANS.has(posix.basename(path))
  );
}

/** The plans among the files, recognised by content. */
function plansOf(files: readonly { readonly path: string; readonly text: string }[]) {
  return files.filter((file) => isPlanCandidate(file.path) && isTerraformPlan(file.text));
}

/**
 * Terraform configuration: every .tf, .tf.json and .tfvars(.json) file, modules resolved within the
 * repository. A root module whose directory holds a plan JSON is left to the plan reader, which knows more.
 */
export const terraformReader: IacReader = {
  format: 'terraform',
  matches: (path) => isTerraformFile(path) || isPlanCandidate(path),
  read: async (files, options) =>
    readTerraform(
      files.filter((file) => isTerraformFile(file.path)),
      {
        ...(options.config.account !== undefined ? { accountId: options.config.account } : {}),
        readFile: options.readFile,
        plannedRoots: await plannedRootDirs(
          plansOf(files),
          files.filter((file) => isConfigurationFile(file.path)),
        ),
      },
    ),
};

/**
 * Terraform plans in JSON (`terraform show -json plan.out`), recognised by content wherever they lie; the
 * configuration files are read to point each resource at its block (the plan's root module: see planRootDir).
 */
export const terraformPlanReader: IacReader = {
  format: 'terraform-plan',
  matches: (path) => isPlanCandidate(path) || isConfigurationFile(path),
  read: (files, options) =>
    readTerraformPlans(
      plansOf(files),
      files.filter((file) => isConfigurationFile(file.path)),
      options.config.account !== undefined ? { accountId: options.config.account } : {},
    ),
};
