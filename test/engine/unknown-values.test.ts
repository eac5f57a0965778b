import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/engine/evaluate.js';
import {
  makeContext,
  unknownPlaceholder,
  withPolicyId,
  type Decision,
  type Policy,
  type Statement,
  type UnknownValue,
} from '../../src/model/index.js';
import { doc, policy } from '../helpers/policies.js';

/*
 * Values an IaC source cannot know before deployment (model/policy.ts UnknownValue) stand in statements as
 * placeholders: the engine neither grants nor denies on a guess about them.
 */

const P0 = 'UNKNOWN0';
const P1 = 'UNKNOWN1';
const FM = 'arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-pro-v1:0';
const INVOKE = 'bedrock:InvokeModel';
const context = makeContext([['aws:RequestedRegion', ['us-east-1']]], { otherKeys: 'absent' });

const unknown = (index: number, expression: string, line = 7): UnknownValue => ({
  placeholder: unknownPlaceholder(index),
  expression,
  reason: 'computed-attribute',
  span: { file: 'main.tf', line, column: 5 },
});

/**
 * The policy with each placeholder token (`UNKNOWN0`, …) replaced by its placeholder, and `unknowns` on every
 * statement that holds one. The document is parsed with tokens because IAM's parser rightly refuses U+FFFF.
 */
function withUnknowns(base: Policy, unknowns: readonly UnknownValue[]): Policy {
  const swap = (text: string): string => text.replace(/UNKNOWN(\d)/g, (_, i: string) => unknownPlaceholder(Number(i)));
  const statements = base.statements.map((statement) => {
    if (!JSON.stringify(statement).includes('UNKNOWN')) return statement;
    const swapped = JSON.parse(JSON.stringify(statement), (_key, value: unknown) =>
      typeof value === 'string' ? swap(value) : value,
    ) as Statement;
    const conditions = statement.conditions.map((clause) => ({
      ...clause,
      key: swap(clause.key),
      values: clause.values.map(swap),
    }));
    return { ...swapped, conditions, unknowns };
  });
  return withPolicyId({ ...base, statements });
}

const run = (identity: Policy, resource = FM, action = INVOKE): Decision =>
  evaluate({ identity: [identity] }, { action, resource, context });

const allowAll = { Sid: 'All', Effect: 'Allow', Action: '*', Resource: '*' };

describe('unknown values in statements', () => {
  it('an Allow whose resource is unknown is conditional, naming the expression and its line', () => {
    const identity = withUnknowns(
      policy(doc({ Effect: 'Allow', Action: INVOKE, Resource: `arn:aws:bedrock:us-east-1::foundation-model/${P0}` })),
      [unknown(0, 'aws_bedrock_custom_model.main.model_id', 12)],
    );
    const decision = run(identity);
    expect(decision.decision).toBe('conditional');
    const reasons = decision.statements.flatMap((statement) => statement.undecided ?? []);
    expect(reasons).toHaveLength(1);
    expect(reasons[0]).toContain('aws_bedrock_custom_model.main.model_id (main.tf:12)');
    expect(reasons[0]).toContain(
      '"arn:aws:bedrock:us-east-1::foundation-model/${aws_bedrock_custom_model.main.model_id}"',
    );
  });

  it('an unknown part that cannot make the resource match leaves the statement out', () => {
    const identity = withUnknowns(policy(doc({ Effect: 'Allow', Action: INVOKE, Resource: `arn:aws:s3:::${P0}/*` })), [
      unknown(0, 'aws_s3_bucket.data.bucket'),
    ]);
    expect(run(identity).decision).toBe('implicit-deny');
    expect(run(identity).statements).toHaveLength(0);
  });

  it('a Deny with an unknown resource is never skipped: the allowed request becomes conditional', () => {
    const identity = withUnknowns(
      policy(doc(allowAll, { Effect: 'Deny', Action: INVOKE, Resource: `arn:aws:bedrock:${P0}::foundation-model/*` })),
      [unknown(0, 'var.region')],
    );
    const decision = run(identity);
    expect(decision.decision).toBe('conditional');
    expect(decision.residuals?.[0]?.kind).toBe('deny-if');
  });

  // A policy variable (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html) may be
  // completed by the unknown value: "$" before it and "{…}" after, or a value ending in "$" before "{…}".
  it('an unknown value that may open a policy variable with the text beside it is undecided, not a sure miss', () => {
    const texts = [
      `arn:aws:bedrock:${P0}{aws:RequestedRegion}::foundation-model/*`,
      `arn:aws:bedrock:$${P0}::foundation-model/*`,
      `arn:aws:bedrock:\${${P0}aws:RequestedRegion}::foundation-model/*`,
      `arn:aws:bedrock:\${aws:RequestedRegion${P0}::foundation-model/*`,
    ];
    for (const text of texts) {
      const identity = withUnknowns(policy(doc(allowAll, { Effect: 'Deny', Action: INVOKE, NotResource: text })), [
        unknown(0, 'var.prefix'),
      ]);
      expect(run(identity).decision, text).toBe('conditional');
    }
  });

  it('an unknown NotResource entry leaves a Deny undecided', () => {
    const identity = withUnknowns(
      policy(
        doc(allowAll, {
          Effect: 'Deny',
          Action: INVOKE,
          NotResource: `arn:aws:bedrock:us-east-1::foundation-model/${P0}`,
        }),
      ),
      [unknown(0, 'aws_bedrock_custom_model.x.arn')],
    );
    expect(run(identity).decision).toBe('conditional');
  });

  it('an unknown action is undecided when it can be the requested one, and out when it cannot', () => {
    const identity = withUnknowns(policy(doc({ Effect: 'Allow', Action: `bedrock:${P0}`, Resource: '*' })), [
      unknown(0, 'local.action'),
    ]);
    const decision = run(identity);
    expect(decision.decision).toBe('conditional');
    expect(decision.statements[0]?.undecided?.[0]).toMatch(/^action "bedrock:\$\{local\.action\}"/);
    expect(run(identity, FM, 's3:GetObject').decision).toBe('implicit-deny');
  });

  it('a known Action entry decides without the unknown one', () => {
    const identity = withUnknowns(policy(doc({ Effect: 'Allow', Action: [INVOKE, `bedrock:${P0}`], Resource: '*' })), [
      unknown(0, 'local.action'),
    ]);
    expect(run(identity).decision).toBe('allowed');
  });

  it('an unknown NotAction entry makes an Allow undecided, and a known one that excludes the action decides', () => {
    const undecided = withUnknowns(policy(doc({ Effect: 'Allow', NotAction: `bedrock:${P0}`, Resource: '*' })), [
      unknown(0, 'local.action'),
    ]);
    expect(run(undecided).decision).toBe('conditional');
    const excluded = withUnknowns(
      policy(doc({ Effect: 'Allow', NotAction: [`s3:${P0}`, 'bedrock:*'], Resource: '*' })),
      [unknown(0, 'local.action')],
    );
    expect(run(excluded).decision).toBe('implicit-deny');
  });

  it('a condition value that is unknown makes the statement conditional, with the expression shown', () => {
    const identity = withUnknowns(
      policy(
        doc({
          Effect: 'Allow',
          Action: INVOKE,
          Resource: '*',
          Condition: { StringEquals: { 'aws:RequestedRegion': P0 } },
        }),
      ),
      [unknown(0, 'var.region')],
    );
    const decision = run(identity);
    expect(decision.decision).toBe('conditional');
    const statement = decision.statements[0]!;
    expect(statement.unresolved[0]?.values).toEqual(['${var.region}']);
    expect(statement.undecided?.[0]).toContain('var.region (main.tf:7)');
  });

  it('known condition values decide when more values could not change the answer', () => {
    const positive = withUnknowns(
      policy(
        doc({
          Effect: 'Allow',
          Action: INVOKE,
          Resource: '*',
          Condition: { StringEquals: { 'aws:RequestedRegion': ['us-east-1', P0] } },
        }),
      ),
      [unknown(0, 'var.region')],
    );
    expect(run(positive).decision).toBe('allowed');
    const negated = withUnknowns(
      policy(
        doc(allowAll, {
          Effect: 'Deny',
          Action: INVOKE,
          Resource: '*',
          Condition: { StringNotEquals: { 'aws:RequestedRegion': ['us-east-1', P0] } },
        }),
      ),
      [unknown(0, 'var.region')],
    );
    expect(run(negated).decision).toBe('allowed');
    const absentKey = withUnknowns(
      policy(
        doc({
          Effect: 'Allow',
          Action: INVOKE,
          Resource: '*',
          Condition: { StringEquals: { 'aws:SourceVpc': ['vpc-1', P0] } },
        }),
      ),
      [unknown(0, 'aws_vpc.main.id')],
    );
    expect(run(absentKey).decision).toBe('implicit-deny');
  });

  it('an unknown condition key is undecided', () => {
    const identity = withUnknowns(
      policy(
        doc({
          Effect: 'Allow',
          Action: INVOKE,
          Resource: '*',
          Condition: { StringEquals: { [`aws:ResourceTag/${P1}`]: 'x' } },
        }),
      ),
      [unknown(1, 'var.tag_key')],
    );
    expect(run(identity).decision).toBe('conditional');
  });

  it('a placeholder character in a statement without unknowns is plain text', () => {
    const identity = withUnknowns(
      policy(doc({ Effect: 'Allow', Action: INVOKE, Resource: `arn:aws:bedrock:us-east-1::foundation-model/${P0}` })),
      [],
    );
    expect(run(identity).decision).toBe('implicit-deny');
  });
});
