import type { IacReader } from './reader.js';
import { readTerraform } from './terraform/read-terraform.js';

/** Terraform configuration: every .tf and .tfvars file, modules resolved within the repository. */
export const terraformReader: IacReader = {
  format: 'terraform',
  matches: (path) => path.endsWith('.tf') || path.endsWith('.tfvars'),
  read: (files, options) =>
    readTerraform(files, {
      ...(options.config.account !== undefined ? { accountId: options.config.account } : {}),
      readFile: options.readFile,
    }),
};
