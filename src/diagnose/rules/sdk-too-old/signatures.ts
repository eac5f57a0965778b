import { type KnownSignature, onFirstCall } from '../../explain/signatures/signature.js';

/** Client-side errors of SDKs released before the bedrock-runtime service (or its Converse API) existed. */
export const sdkTooOldSignatures = onFirstCall((): readonly KnownSignature[] => [
  {
    id: 'sdk-too-old/unknown-service',
    rule: 'sdk-too-old',
    title: 'botocore does not know the bedrock-runtime service',
    exception: 'UnknownServiceError',
    pattern: /Unknown service: '(?:bedrock-runtime|bedrock)'/,
    cause:
      "The installed botocore predates Amazon Bedrock's general availability: the bedrock and bedrock-runtime service models arrived in boto3 1.28.57 / botocore 1.31.57 (2023-09-28). Often an older copy shadows the new one (AWS Lambda's bundled boto3, a system package, a Lambda layer).",
    steps: [
      'Upgrade: pip install --upgrade "boto3>=1.28.57" "botocore>=1.31.57" (Converse needs boto3/botocore >= 1.34.116), then check boto3.__version__ in the same interpreter.',
      'In AWS Lambda, bundle boto3 with the function or in a layer instead of relying on the runtime copy.',
    ],
    source: 'https://github.com/build-on-aws/amazon-bedrock-quick-start/issues/3',
  },
  {
    id: 'sdk-too-old/no-converse',
    rule: 'sdk-too-old',
    title: 'the bedrock-runtime client has no Converse API',
    exception: 'AttributeError',
    pattern: /'BedrockRuntime' object has no attribute '(?:converse|converse_stream)'/,
    cause:
      'The installed boto3/botocore predates the Converse API, added to bedrock-runtime in boto3/botocore 1.34.116 (2024-05-30).',
    steps: [
      'Upgrade: pip install --upgrade "boto3>=1.34.116" "botocore>=1.34.116", then check boto3.__version__ in the same interpreter.',
    ],
    source: 'https://github.com/aio-libs/aiobotocore/issues/1123',
  },
]);
