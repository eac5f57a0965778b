import { cdkReader, cloudFormationReader } from './cloudformation-reader.js';
import { policyJsonReader } from './policy-json-reader.js';
import type { IacReader } from './reader.js';
import { terraformPlanReader, terraformReader } from './terraform-reader.js';

/**
 * Every IaC reader, by format: `policy-check iac` runs each over the repository files it matches and
 * merges what they return. Adding a format is its reader module and one line here.
 */
export const IAC_READERS: readonly IacReader[] = [
  terraformReader,
  terraformPlanReader,
  cloudFormationReader,
  cdkReader,
  policyJsonReader,
];
