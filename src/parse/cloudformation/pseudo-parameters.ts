/** What the caller knows about the deployment: the account and Region it goes to, parameter values. */
export interface TemplateInputs {
  readonly parameters?: Readonly<Record<string, string>>;
  readonly region?: string;
  readonly accountId?: string;
  /** The stack's name (a CDK manifest names it). */
  readonly stackName?: string;
}

/**
 * A pseudo parameter's value, `{}` when only deployment knows it, 'no-value' for AWS::NoValue, undefined
 * when there is no such pseudo parameter.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/pseudo-parameter-reference.html
 */
export function pseudoParameter(name: string, inputs: TemplateInputs): { value?: string } | 'no-value' | undefined {
  switch (name) {
    case 'AWS::AccountId':
      return known(inputs.accountId);
    case 'AWS::Region':
      return known(inputs.region);
    case 'AWS::StackName':
      return known(inputs.stackName);
    case 'AWS::Partition':
      return { value: partitionOf(inputs) };
    case 'AWS::URLSuffix':
      return { value: partitionOf(inputs) === 'aws-cn' ? 'amazonaws.com.cn' : 'amazonaws.com' };
    case 'AWS::StackId':
    case 'AWS::NotificationARNs':
      return {};
    case 'AWS::NoValue':
      return 'no-value';
    default:
      return undefined;
  }
}

/** The partition of the Region, `aws` when no Region is given. */
export function partitionOf(inputs: TemplateInputs): string {
  const region = inputs.region ?? '';
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

function known(value: string | undefined): { value?: string } {
  return value === undefined ? {} : { value };
}
