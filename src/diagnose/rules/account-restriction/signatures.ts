import { type KnownSignature, onFirstCall } from '../../explain/signatures/signature.js';

/** Account-level blocks that no policy change lifts: only AWS Support can. */
export const accountRestrictionSignatures = onFirstCall((): readonly KnownSignature[] => [
  {
    id: 'account-restriction/operation-not-allowed',
    rule: 'account-restriction',
    title: 'Bedrock is blocked for the account',
    exception: 'ValidationException',
    pattern: /\bOperation not allowed\b/,
    cause:
      'The account is blocked from this Bedrock operation at the account level (e.g. a new account pending verification, or a restriction AWS placed on it); permissions, model access and the request are not the problem.',
    steps: [
      'Open an AWS Support case (Account and billing, available on every support plan) for Amazon Bedrock, quoting the Region, the operation and the request ID.',
      'Meanwhile, check that the account is fully activated (valid payment method, verification complete).',
    ],
    source: 'https://github.com/aws/aws-cli/issues/8717',
  },
  {
    id: 'account-restriction/create-support-case',
    rule: 'account-restriction',
    title: 'the account must ask AWS Support to enable this operation',
    exception: 'ValidationException',
    pattern: /Your account is not authorized to perform this action\. Please create a support case/,
    cause:
      'The operation (e.g. batch inference with CreateModelInvocationJob) is not enabled for the account; AWS enables it on request.',
    steps: ['Open an AWS Support case asking to enable the operation for the account and Region.'],
    source: 'https://github.com/prowler-cloud/prowler/pull/12801',
  },
]);
