import { describe, expect, it } from 'vitest';
import type { InputIssue } from '../../../src/model/index.js';
import { IntrinsicResolver, NO_VALUE } from '../../../src/parse/cloudformation/intrinsics.js';
import type { TemplateInputs } from '../../../src/parse/cloudformation/pseudo-parameters.js';
import { templateSections } from '../../../src/parse/cloudformation/template-sections.js';
import { UnknownValues } from '../../../src/parse/cloudformation/unknown-values.js';
import { parseYamlTemplate } from '../../../src/parse/cloudformation/yaml-template.js';
import { findProperty, toPlainValue } from '../../../src/parse/json-tree.js';

const HEADER = `Parameters:
  Env: { Type: String, Default: dev }
  NoDefault: { Type: String }
  Zones: { Type: CommaDelimitedList, Default: 'a, b ,c' }
  Ami: { Type: 'AWS::SSM::Parameter::Value<String>', Default: /aws/service/ami }
Mappings:
  Models:
    dev: { Id: amazon.nova-micro-v1:0 }
Conditions:
  IsDev: !Equals [!Ref Env, dev]
  Unknown: !Equals [!Ref NoDefault, x]
  DevOrUnknown: !Or [!Condition IsDev, !Condition Unknown]
  DevAndUnknown: !And [!Condition IsDev, !Condition Unknown]
  NotDev: !Not [!Condition IsDev]
  Loop: !Not [!Condition Loop]
Resources:
  Named: { Type: 'AWS::IAM::Role', Properties: { RoleName: worker, Path: /p/ } }
  Unnamed: { Type: 'AWS::IAM::Role', Properties: {} }
  Policy: { Type: 'AWS::IAM::ManagedPolicy', Properties: { ManagedPolicyName: mp } }
  Bucket: { Type: 'AWS::S3::Bucket' }
`;

/** Resolves `expression` (YAML) as the value of an output of a small template; unknowns shown as <reason: expression>. */
function resolve(expression: string, inputs: TemplateInputs = {}) {
  const text = `${HEADER}Outputs:\n  Out:\n    Value: ${expression}\n`;
  const parsed = parseYamlTemplate(text, 't.yaml');
  if (!parsed.document) throw new Error(JSON.stringify(parsed.issues));
  const { sections } = templateSections(parsed.document);
  if (!sections) throw new Error('no sections');
  const issues: InputIssue[] = [];
  const unknowns = new UnknownValues();
  const resolver = new IntrinsicResolver(sections, inputs, unknowns, issues);
  const root = parsed.document.root;
  const outputs = root.kind === 'object' ? findProperty(root, 'Outputs')?.value : undefined;
  const out = outputs?.kind === 'object' ? findProperty(outputs, 'Out')?.value : undefined;
  const node = out?.kind === 'object' ? findProperty(out, 'Value')?.value : undefined;
  if (!node) throw new Error('no output');
  const value = resolver.resolve(node);
  const show = (text: string) =>
    text.replace(/\uffff\d+\uffff/g, (placeholder) => {
      const [unknown] = unknowns.in([placeholder]);
      return `<${unknown?.reason}: ${unknown?.expression}>`;
    });
  const plain = value === NO_VALUE ? 'NoValue' : toPlainValue(value);
  return {
    value: JSON.parse(JSON.stringify(plain), (_key, item) => (typeof item === 'string' ? show(item) : item)),
    issues: issues.map((issue) => `${issue.line}:${issue.column} ${issue.message}`),
  };
}

describe('IntrinsicResolver', () => {
  it.each([
    ['!Sub "${Env}-x-${!Literal}"', 'dev-x-${Literal}'],
    ['!Sub ["${A}/${Env}", { A: !Ref Env }]', 'dev/dev'],
    ['!Join [":", [a, !Ref Env, !Select [1, !Ref Zones]]]', 'a:dev:b'],
    ['!Select [2, !Split [",", "x,y,z"]]', 'z'],
    ['!FindInMap [Models, !Ref Env, Id]', 'amazon.nova-micro-v1:0'],
    ['!If [IsDev, dev, other]', 'dev'],
    ['!If [NotDev, dev, other]', 'other'],
    ['!If [DevOrUnknown, a, b]', 'a'],
    ['!Base64 hi', 'aGk='],
    ['!Ref Named', 'worker'],
    ['!GetAtt Named.Arn', 'arn:aws:iam::111122223333:role/p/worker'],
    ['!GetAtt [Named, Arn]', 'arn:aws:iam::111122223333:role/p/worker'],
    ['!Ref Policy', 'arn:aws:iam::111122223333:policy/mp'],
    ['!Sub "${Named.Arn}/x"', 'arn:aws:iam::111122223333:role/p/worker/x'],
    ['!Ref AWS::Partition', 'aws'],
    ['!Ref AWS::URLSuffix', 'amazonaws.com'],
    ['{ "Fn::Sub": "${AWS::Region}" }', 'us-east-1'],
    ['!Ref AWS::NoValue', 'NoValue'],
  ])('%s → %s', (expression, expected) => {
    expect(resolve(expression, { accountId: '111122223333', region: 'us-east-1' })).toEqual({
      value: expected,
      issues: [],
    });
  });

  it('reads list parameters as lists and drops AWS::NoValue items', () => {
    expect(resolve('[!Ref AWS::NoValue, x, !If [IsDev, !Ref AWS::NoValue, y]]').value).toEqual(['x']);
    expect(resolve('!Ref Zones').value).toEqual(['a', 'b', 'c']);
  });

  it('takes the partition from a China or GovCloud Region', () => {
    expect(resolve('!Ref AWS::Partition', { region: 'cn-north-1' }).value).toBe('aws-cn');
    expect(resolve('!Ref AWS::URLSuffix', { region: 'cn-north-1' }).value).toBe('amazonaws.com.cn');
    expect(resolve('!Ref AWS::Partition', { region: 'us-gov-west-1' }).value).toBe('aws-us-gov');
  });

  it.each([
    ['!Ref AWS::AccountId', '<variable-without-default: !Ref AWS::AccountId>'],
    ['!Sub "arn:aws:s3:::${NoDefault}/*"', 'arn:aws:s3:::<variable-without-default: ${NoDefault}>/*'],
    ['!ImportValue Shared', '<import-value: !ImportValue Shared>'],
    ['!GetAZs ""', '<computed-attribute: !GetAZs "">'],
    ['!Ref Unnamed', '<computed-attribute: !Ref Unnamed>'],
    ['!GetAtt Named.RoleId', '<computed-attribute: !GetAtt Named.RoleId>'],
    ['!Ref Bucket', '<computed-attribute: !Ref Bucket>'],
    ['!Ref Ami', '<computed-attribute: !Ref Ami>'],
    // What an unknown splits into, and so which item is selected, is unknown too.
    ['!Select [0, !Split [",", !Ref NoDefault]]', '<computed-attribute: !Select [0, !Split [",", !Ref NoDefault]]>'],
    ['!If [Unknown, a, b]', '<variable-without-default: !If [Unknown, a, b]>'],
    ['!If [DevAndUnknown, a, b]', '<variable-without-default: !If [DevAndUnknown, a, b]>'],
    ['!FindInMap [Models, !Ref NoDefault, Id]', '<variable-without-default: !FindInMap [Models, !Ref NoDefault, Id]>'],
    ['!Cidr [10.0.0.0/16, 2, 8]', '<unsupported-expression: !Cidr [10.0.0.0/16, 2, 8]>'],
  ])('%s is known only after deployment', (expression, expected) => {
    expect(resolve(expression)).toEqual({ value: expected, issues: [] });
  });

  it('partly known ARNs keep the known parts', () => {
    expect(resolve('!GetAtt Named.Arn').value).toBe(
      'arn:aws:iam::<variable-without-default: ${AWS::AccountId}>:role/p/worker',
    );
  });

  it.each([
    ['!Ref Missing', '23:12 Ref to "Missing": no parameter or resource has that name'],
    ['!FindInMap [Models, prod, Id]', '23:12 Fn::FindInMap: Mappings has no Models.prod.Id'],
    ['!If [Nope, a, b]', '23:17 condition "Nope" is not defined in Conditions'],
    // At the reference inside Conditions that closes the loop.
    ['!If [Loop, a, b]', '15:26 condition "Loop" refers to itself'],
    ['!Select [5, [a]]', '23:12 Fn::Select: index 5 is not in the list'],
    ['!Ref AWS::Nothing', '23:12 unknown pseudo parameter "AWS::Nothing"'],
  ])('%s is an error at its line', (expression, issue) => {
    expect(resolve(expression).issues).toEqual([issue]);
  });
});
