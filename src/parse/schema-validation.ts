import type { ErrorObject } from 'ajv';
import { otherSchemaErrors } from './generated/other-schema-validators.js';
import { validatePolicyDocumentSchema } from './generated/schema-validators.js';

/** An ajv validation function generated at build time from schemas/ (see scripts/generate-validators.mjs). */
export interface SchemaValidator {
  (data: unknown): boolean;
  errors?: ErrorObject[] | null;
}

type OtherSchema = 'scp-levels' | 'snapshot' | 'iac-config' | 'vpc-endpoint-policy';

/**
 * A validator of the other generated module, which the CLI bundle loads when an input first needs it
 * (scripts/build.mjs): a one-shot check of a policy file never does.
 */
function otherValidator(schema: OtherSchema): SchemaValidator {
  const validator: SchemaValidator = (data) => {
    const errors: readonly ErrorObject[] = otherSchemaErrors(schema, data);
    validator.errors = errors.length > 0 ? [...errors] : null;
    return errors.length === 0;
  };
  return validator;
}

export const policyDocumentValidator: SchemaValidator = validatePolicyDocumentSchema;
export const scpLevelsValidator = otherValidator('scp-levels');
export const snapshotValidator = otherValidator('snapshot');
export const iacConfigValidator = otherValidator('iac-config');
export const vpcEndpointPolicyValidator = otherValidator('vpc-endpoint-policy');

/** Validates and returns the errors (empty when valid). */
export function schemaErrors(validator: SchemaValidator, data: unknown): readonly ErrorObject[] {
  return validator(data) ? [] : (validator.errors ?? []);
}
