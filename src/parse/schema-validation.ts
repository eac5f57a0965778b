import type { ErrorObject } from 'ajv';
import {
  validateIacConfigSchema,
  validatePolicyDocumentSchema,
  validateScpLevelsSchema,
  validateSnapshotSchema,
  validateVpcEndpointPolicySchema,
} from './generated/schema-validators.js';

/** An ajv validation function generated at build time from schemas/ (see scripts/generate-validators.mjs). */
export interface SchemaValidator {
  (data: unknown): boolean;
  errors?: ErrorObject[] | null;
}

export const policyDocumentValidator: SchemaValidator = validatePolicyDocumentSchema;
export const scpLevelsValidator: SchemaValidator = validateScpLevelsSchema;
export const snapshotValidator: SchemaValidator = validateSnapshotSchema;
export const iacConfigValidator: SchemaValidator = validateIacConfigSchema;
export const vpcEndpointPolicyValidator: SchemaValidator = validateVpcEndpointPolicySchema;

/** Validates and returns the errors (empty when valid). */
export function schemaErrors(validator: SchemaValidator, data: unknown): readonly ErrorObject[] {
  return validator(data) ? [] : (validator.errors ?? []);
}
