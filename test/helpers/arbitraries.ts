import fc from 'fast-check';
import type { EvaluationInput } from '../../src/engine/evaluate.js';
import type { PolicyType } from '../../src/model/index.js';
import { policy, scpLevel } from './policies.js';

/*
 * Generators of random policy sets over Bedrock-shaped pools (actions, resources, condition clauses
 * and context-key values), shared by the engine's property tests and the engine-vs-reference test.
 * Documents are plain JSON, parsed with the real parser by `build`.
 */

export const ACCOUNT = '111122223333';
const MODEL = 'anthropic.claude-sonnet-4-5-20250929-v1:0';
const PROFILE = `arn:aws:bedrock:us-east-1:${ACCOUNT}:inference-profile/us.${MODEL}`;
const EU_PROFILE = `arn:aws:bedrock:eu-west-1:${ACCOUNT}:inference-profile/eu.${MODEL}`;
const APP_PROFILE = `arn:aws:bedrock:us-east-1:${ACCOUNT}:application-inference-profile/a1b2c3d4e5f6`;

const ACTIONS = [
  'bedrock:InvokeModel',
  'bedrock:InvokeModelWithResponseStream',
  'bedrock:InvokeModel*',
  'bedrock:*',
  '*',
  'BEDROCK:invokemodelwithresponsestream',
  'bedrock:Invoke?odel',
  's3:*',
];
const RESOURCES = [
  '*',
  'arn:aws:bedrock:*::foundation-model/*',
  'arn:aws:bedrock:*:*:foundation-model/*',
  'arn:aws:bedrock:us-east-1::foundation-model/anthropic.*',
  'arn:aws:bedrock:us-west-2::foundation-model/*',
  'arn:aws:bedrock:::foundation-model/*',
  'arn:aws:bedrock:*:*:inference-profile/*',
  `arn:aws:bedrock:us-east-1:${ACCOUNT}:inference-profile/us.*`,
  'arn:aws:bedrock:*:*:application-inference-profile/*',
];
/** A Resource whose match depends on a context key (Version 2012-10-17 substitutes it). */
const VARIABLE_RESOURCE = 'arn:aws:bedrock:${aws:RequestedRegion}::foundation-model/*';

type Clause = readonly [operator: string, key: string, values: readonly string[]];
const CLAUSES: readonly Clause[] = [
  ['StringEquals', 'aws:RequestedRegion', ['us-east-1']],
  ['StringEquals', 'aws:RequestedRegion', ['us-east-1', 'us-west-2']],
  ['StringNotEquals', 'aws:RequestedRegion', ['us-east-1', 'us-east-2']],
  ['StringEqualsIfExists', 'aws:RequestedRegion', ['unspecified']],
  ['StringNotEqualsIfExists', 'aws:RequestedRegion', ['us-west-2']],
  ['StringLike', 'aws:RequestedRegion', ['us-*']],
  ['StringNotLike', 'aws:RequestedRegion', ['eu-*']],
  ['StringLike', 'aws:RequestedRegion', ['*']],
  ['ForAnyValue:StringEquals', 'aws:RequestedRegion', ['us-west-2']],
  ['ForAllValues:StringLike', 'aws:RequestedRegion', ['us-*']],
  ['IpAddress', 'aws:SourceIp', ['203.0.113.0/24']],
  ['NotIpAddress', 'aws:SourceIp', ['203.0.113.0/24', '2001:db8::/32']],
  ['IpAddressIfExists', 'aws:SourceIp', ['198.51.100.0/24']],
  ['Null', 'aws:SourceIp', ['false']],
  ['ArnLike', 'bedrock:InferenceProfileArn', ['arn:aws:bedrock:*:*:inference-profile/us.*']],
  [
    'ArnNotLike',
    'bedrock:InferenceProfileArn',
    ['arn:aws:bedrock:*:*:inference-profile/*', 'arn:aws:bedrock:*:*:application-inference-profile/*'],
  ],
  ['ArnEquals', 'bedrock:InferenceProfileArn', [PROFILE]],
  ['ArnLikeIfExists', 'bedrock:InferenceProfileArn', ['arn:aws:bedrock:*:*:application-inference-profile/*']],
  ['Null', 'bedrock:InferenceProfileArn', ['true']],
  ['StringLike', 'bedrock:InferenceProfileArn', ['arn:aws:bedrock:${aws:RequestedRegion}:*']],
];

/** What each context key may hold: a value list, or absent (null). */
export const KEY_STATES: Readonly<Record<string, readonly (readonly string[] | null)[]>> = {
  // Single-valued keys: the engine leaves a plain operator on several values undecided, as AWS does not document it.
  'aws:RequestedRegion': [['us-east-1'], ['us-west-2'], ['eu-west-1'], ['unspecified'], null],
  'aws:SourceIp': [['203.0.113.5'], ['198.51.100.7'], ['2001:db8::1'], null],
  'bedrock:InferenceProfileArn': [[PROFILE], [EU_PROFILE], [APP_PROFILE], null],
};
export const KEYS = Object.keys(KEY_STATES);

export const REQUEST_ACTIONS = ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream', 's3:GetObject'];
export const REQUEST_RESOURCES = [
  `arn:aws:bedrock:us-east-1::foundation-model/${MODEL}`,
  `arn:aws:bedrock:us-west-2::foundation-model/${MODEL}`,
  `arn:aws:bedrock:eu-west-1::foundation-model/${MODEL}`,
  `arn:aws:bedrock:::foundation-model/${MODEL}`,
  PROFILE,
  APP_PROFILE,
];

// ---- policy model: plain JSON documents, parsed with the real parser ----

export interface StatementDoc {
  Effect: 'Allow' | 'Deny';
  Action?: string[];
  NotAction?: string[];
  Resource?: string[];
  NotResource?: string[];
  Condition?: Record<string, Record<string, readonly string[]>>;
}
export interface PolicyDoc {
  Version: string;
  Statement: StatementDoc[];
}
export interface Spec {
  identity: PolicyDoc[];
  scp?: PolicyDoc[][];
  boundary?: PolicyDoc;
  session?: PolicyDoc[];
}

export const pick = <T>(pool: readonly T[]) => fc.constantFrom(...pool);
const someOf = <T>(pool: readonly T[]) => fc.uniqueArray(pick(pool), { minLength: 1, maxLength: 2 });

function conditionBlock(clauses: readonly Clause[]): StatementDoc['Condition'] {
  if (clauses.length === 0) return undefined;
  const block: Record<string, Record<string, readonly string[]>> = {};
  for (const [operator, key, values] of clauses) {
    const byKey = { ...block[operator] };
    if (!(key in byKey)) byKey[key] = values;
    block[operator] = byKey;
  }
  return block;
}

export function statementArb(effect: fc.Arbitrary<'Allow' | 'Deny'>, variables: boolean): fc.Arbitrary<StatementDoc> {
  const resources = variables ? [...RESOURCES, VARIABLE_RESOURCE] : RESOURCES;
  return fc
    .record({
      effect,
      notAction: fc.integer({ min: 0, max: 4 }).map((n) => n === 0),
      actions: someOf(ACTIONS),
      notResource: fc.integer({ min: 0, max: 4 }).map((n) => n === 0),
      resources: someOf(resources),
      clauses: fc.array(pick(CLAUSES.filter((c) => variables || !c[2].some((v) => v.includes('${')))), {
        maxLength: 2,
      }),
    })
    .map(({ effect, notAction, actions, notResource, resources, clauses }) => {
      const statement: StatementDoc = { Effect: effect };
      if (notAction) statement.NotAction = actions;
      else statement.Action = actions;
      if (notResource) statement.NotResource = resources;
      else statement.Resource = resources;
      const condition = conditionBlock(clauses);
      if (condition) statement.Condition = condition;
      return statement;
    });
}

const effectArb = fc.integer({ min: 0, max: 3 }).map((n): 'Allow' | 'Deny' => (n === 0 ? 'Deny' : 'Allow'));

/** A broad Allow (as FullAWSAccess or a typical boundary has), sometimes conditional: without it most random gates allow nothing. */
const broadAllowArb: fc.Arbitrary<StatementDoc> = fc
  .record({
    action: pick(['*', 'bedrock:*', 'bedrock:InvokeModel*']),
    clause: fc.option(pick(CLAUSES.filter((c) => !c[2].some((v) => v.includes('${')))), { freq: 3 }),
  })
  .map(({ action, clause }) => ({
    Effect: 'Allow',
    Action: [action],
    Resource: ['*'],
    ...(clause ? { Condition: conditionBlock([clause]) } : {}),
  }));

export function policyArb(variables: boolean): fc.Arbitrary<PolicyDoc> {
  return fc
    .tuple(
      fc.option(broadAllowArb, { freq: 2 }),
      fc.array(statementArb(effectArb, variables), { minLength: 1, maxLength: 3 }),
    )
    .map(([broad, statements]) => ({ Version: '2012-10-17', Statement: broad ? [broad, ...statements] : statements }));
}

export function specArb(variables: boolean): fc.Arbitrary<Spec> {
  return fc
    .record({
      identity: fc.array(policyArb(variables), { minLength: 1, maxLength: 2 }),
      scp: fc.option(
        fc.array(fc.array(policyArb(variables), { minLength: 1, maxLength: 2 }), { minLength: 1, maxLength: 2 }),
        { freq: 2 },
      ),
      boundary: fc.option(policyArb(variables), { freq: 2 }),
      session: fc.option(fc.array(policyArb(variables), { minLength: 1, maxLength: 2 }), { freq: 2 }),
    })
    .map(({ identity, scp, boundary, session }) => ({
      identity,
      ...(scp !== null ? { scp } : {}),
      ...(boundary !== null ? { boundary } : {}),
      ...(session !== null ? { session } : {}),
    }));
}

export function build(spec: Spec): EvaluationInput {
  const parse = (document: PolicyDoc, type: PolicyType, file: string) => policy(document, { type, file });
  return {
    identity: spec.identity.map((document, i) => parse(document, 'identity', `identity-${i}.json`)),
    ...(spec.scp
      ? {
          scpLevels: spec.scp.map((level, l) =>
            scpLevel(`level-${l}`, ...level.map((document, i) => parse(document, 'scp', `scp-${l}-${i}.json`))),
          ),
        }
      : {}),
    ...(spec.boundary ? { permissionsBoundary: parse(spec.boundary, 'permissions-boundary', 'boundary.json') } : {}),
    ...(spec.session
      ? { sessionPolicies: spec.session.map((document, i) => parse(document, 'session-policy', `session-${i}.json`)) }
      : {}),
  };
}
