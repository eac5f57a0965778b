import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../src/engine/evaluate.js';
import { allowStatementsFor } from '../../../src/diagnose/fix/allow-statements.js';
import type { StatementJson } from '../../../src/diagnose/fix/statement-json.js';
import type { Request } from '../../../src/model/index.js';
import { context, doc, policy, request } from '../../helpers/policies.js';
import { BOTH_ACTIONS, INVOKE, INVOKE_STREAM, modelArn, profileArn } from './reverify.js';

/*
 * Least-privilege Allow synthesis. Inference-profile patterns follow the Bedrock User Guide:
 * https://docs.aws.amazon.com/bedrock/latest/userguide/inference-profiles-prereq.html (the profile ARN,
 * and the foundation models under bedrock:InferenceProfileArn) and
 * https://docs.aws.amazon.com/bedrock/latest/userguide/global-cross-region-inference.html (the
 * Region-less model only when aws:RequestedRegion is "unspecified").
 */

const NOVA_LITE = 'amazon.nova-lite-v1:0';
const NOVA_PRO = 'amazon.nova-pro-v1:0';
const US_LITE = profileArn('us-east-1', `us.${NOVA_LITE}`);
const US_PRO = profileArn('us-east-1', `us.${NOVA_PRO}`);
const GLOBAL_LITE = profileArn('us-east-1', `global.${NOVA_LITE}`);
const REGIONLESS_LITE = `arn:aws:bedrock:::foundation-model/${NOVA_LITE}`;

/** A direct call: no profile, the key known to be absent. */
const direct = (action: string, resource: string, region = 'us-east-1'): Request =>
  request(action, resource, context({ 'aws:RequestedRegion': region }, { absent: ['bedrock:InferenceProfileArn'] }));
/** A request routed through a profile (what the expansion produces for destination models). */
const routed = (action: string, resource: string, profile: string, region: string): Request =>
  request(action, resource, context({ 'aws:RequestedRegion': region, 'bedrock:InferenceProfileArn': profile }));
/** The profile's own ARN: the key is not known on it (the expansion leaves it unknown). */
const profileRequest = (action: string, profile: string): Request =>
  request(action, profile, context({ 'aws:RequestedRegion': 'us-east-1' }));

const both = (make: (action: string) => Request): Request[] => BOTH_ACTIONS.map(make);

describe('allowStatementsFor: direct calls', () => {
  it('one statement with exactly the actions and ARNs asked for, sorted, a single value as a string', () => {
    expect(
      allowStatementsFor([
        direct(INVOKE_STREAM, modelArn('us-east-1', NOVA_LITE)),
        direct(INVOKE, modelArn('us-east-1', NOVA_LITE)),
      ]),
    ).toEqual([
      {
        Sid: 'AllowAmazonNovaLiteV10',
        Effect: 'Allow',
        Action: BOTH_ACTIONS,
        Resource: modelArn('us-east-1', NOVA_LITE),
      },
    ]);
    expect(
      allowStatementsFor([
        direct(INVOKE, modelArn('us-west-2', NOVA_PRO)),
        direct(INVOKE, modelArn('us-east-1', NOVA_LITE)),
      ]),
    ).toEqual([
      {
        Sid: 'AllowAmazonNovaProV10',
        Effect: 'Allow',
        Action: INVOKE,
        Resource: [modelArn('us-east-1', NOVA_LITE), modelArn('us-west-2', NOVA_PRO)],
      },
    ]);
  });

  it('nothing asked, nothing granted', () => {
    expect(allowStatementsFor([])).toEqual([]);
  });
});

describe('allowStatementsFor: Sids', () => {
  it('numbers a Sid the policy already uses, and the next one too', () => {
    const requests = both((action) => direct(action, modelArn('us-east-1', NOVA_LITE)));
    expect(allowStatementsFor(requests, new Set(['AllowAmazonNovaLiteV10']))[0]!.Sid).toBe('AllowAmazonNovaLiteV102');
    expect(allowStatementsFor(requests, new Set(['AllowAmazonNovaLiteV10', 'AllowAmazonNovaLiteV102']))[0]!.Sid).toBe(
      'AllowAmazonNovaLiteV103',
    );
    expect(allowStatementsFor(requests, new Set(['SomethingElse']))[0]!.Sid).toBe('AllowAmazonNovaLiteV10');
  });

  it('keeps generated Sids apart from each other when two profiles read the same', () => {
    const a = profileArn('us-east-1', 'us.vendor.model-a');
    const b = profileArn('us-east-1', 'us.vendor.model.a');
    const statements = allowStatementsFor([
      routed(INVOKE, modelArn('us-east-2', 'vendor.model-a'), a, 'us-east-2'),
      routed(INVOKE, modelArn('us-east-2', 'vendor.model.a'), b, 'us-east-2'),
    ]);
    expect(statements.map((statement) => statement.Sid)).toEqual([
      'AllowUsVendorModelAModels',
      'AllowUsVendorModelAModels2',
    ]);
  });

  it('are alphanumeric, as IAM requires', () => {
    for (const statement of allowStatementsFor([...both((action) => profileRequest(action, GLOBAL_LITE))])) {
      expect(statement.Sid).toMatch(/^[A-Za-z0-9]+$/);
    }
  });
});

describe('allowStatementsFor: inference profiles', () => {
  it('geographic profile: the profile ARN without a condition, the models with bedrock:InferenceProfileArn', () => {
    const requests = [
      ...both((action) => profileRequest(action, US_LITE)),
      ...['us-east-1', 'us-east-2', 'us-west-2'].flatMap((region) =>
        both((action) => routed(action, modelArn(region, NOVA_LITE), US_LITE, region)),
      ),
    ];
    expect(allowStatementsFor(requests)).toEqual([
      { Sid: 'AllowUsAmazonNovaLiteV10', Effect: 'Allow', Action: BOTH_ACTIONS, Resource: US_LITE },
      {
        Sid: 'AllowUsAmazonNovaLiteV10Models',
        Effect: 'Allow',
        Action: BOTH_ACTIONS,
        Resource: ['us-east-1', 'us-east-2', 'us-west-2'].map((region) => modelArn(region, NOVA_LITE)),
        Condition: { StringEquals: { 'bedrock:InferenceProfileArn': US_LITE } },
      },
    ]);
  });

  it('global profile: the Region-less model only with aws:RequestedRegion "unspecified" and the profile', () => {
    const requests = [
      ...both((action) => profileRequest(action, GLOBAL_LITE)),
      ...both((action) => routed(action, modelArn('us-east-1', NOVA_LITE), GLOBAL_LITE, 'us-east-1')),
      ...both((action) => routed(action, REGIONLESS_LITE, GLOBAL_LITE, 'unspecified')),
    ];
    expect(allowStatementsFor(requests)).toEqual([
      { Sid: 'AllowGlobalAmazonNovaLiteV10', Effect: 'Allow', Action: BOTH_ACTIONS, Resource: GLOBAL_LITE },
      {
        Sid: 'AllowGlobalAmazonNovaLiteV10Models',
        Effect: 'Allow',
        Action: BOTH_ACTIONS,
        Resource: modelArn('us-east-1', NOVA_LITE),
        Condition: { StringEquals: { 'bedrock:InferenceProfileArn': GLOBAL_LITE } },
      },
      {
        Sid: 'AllowGlobalAmazonNovaLiteV10GlobalRouting',
        Effect: 'Allow',
        Action: BOTH_ACTIONS,
        Resource: REGIONLESS_LITE,
        Condition: {
          StringEquals: { 'aws:RequestedRegion': 'unspecified', 'bedrock:InferenceProfileArn': GLOBAL_LITE },
        },
      },
    ]);
  });

  it('groups by profile: each profile’s models carry that profile in their condition', () => {
    const statements = allowStatementsFor([
      routed(INVOKE, modelArn('us-west-2', NOVA_PRO), US_PRO, 'us-west-2'),
      routed(INVOKE, modelArn('us-west-2', NOVA_LITE), US_LITE, 'us-west-2'),
      routed(INVOKE, modelArn('us-east-2', NOVA_LITE), US_LITE, 'us-east-2'),
    ]);
    expect(statements.map((statement) => [statement.Resource, statement.Condition])).toEqual([
      [
        [modelArn('us-east-2', NOVA_LITE), modelArn('us-west-2', NOVA_LITE)],
        { StringEquals: { 'bedrock:InferenceProfileArn': US_LITE } },
      ],
      [modelArn('us-west-2', NOVA_PRO), { StringEquals: { 'bedrock:InferenceProfileArn': US_PRO } }],
    ]);
  });

  it('a profile ARN that itself carries the key (--context) gets its own statement, without the condition', () => {
    const statements = allowStatementsFor([
      routed(INVOKE, US_LITE, US_LITE, 'us-east-1'),
      routed(INVOKE, modelArn('us-east-2', NOVA_LITE), US_LITE, 'us-east-2'),
    ]);
    expect(statements).toEqual([
      { Sid: 'AllowUsAmazonNovaLiteV10Profile', Effect: 'Allow', Action: INVOKE, Resource: US_LITE },
      {
        Sid: 'AllowUsAmazonNovaLiteV10Models',
        Effect: 'Allow',
        Action: INVOKE,
        Resource: modelArn('us-east-2', NOVA_LITE),
        Condition: { StringEquals: { 'bedrock:InferenceProfileArn': US_LITE } },
      },
    ]);
    // Only the profile ARN asked for: no condition at all.
    expect(allowStatementsFor([routed(INVOKE, US_LITE, US_LITE, 'us-east-1')])).toEqual([
      { Sid: 'AllowUsAmazonNovaLiteV10Models', Effect: 'Allow', Action: INVOKE, Resource: US_LITE },
    ]);
  });
});

describe('allowStatementsFor: properties', () => {
  const pool: Request[] = [
    ...both((action) => direct(action, modelArn('us-east-1', NOVA_LITE))),
    ...both((action) => direct(action, modelArn('us-west-2', NOVA_PRO), 'us-west-2')),
    ...both((action) => profileRequest(action, US_LITE)),
    ...both((action) => routed(action, modelArn('us-east-2', NOVA_LITE), US_LITE, 'us-east-2')),
    ...both((action) => routed(action, modelArn('us-west-2', NOVA_PRO), US_PRO, 'us-west-2')),
    ...both((action) => profileRequest(action, GLOBAL_LITE)),
    ...both((action) => routed(action, modelArn('us-east-1', NOVA_LITE), GLOBAL_LITE, 'us-east-1')),
    ...both((action) => routed(action, REGIONLESS_LITE, GLOBAL_LITE, 'unspecified')),
  ];
  const sids = fc.uniqueArray(
    fc.constantFrom(
      'AllowAmazonNovaLiteV10',
      'AllowUsAmazonNovaLiteV10',
      'AllowUsAmazonNovaLiteV10Models',
      'AllowGlobalAmazonNovaLiteV10GlobalRouting',
      'Other',
    ),
  );

  const asPolicy = (statements: readonly StatementJson[]) => policy(doc(...statements));
  const isRouted = (r: Request) => r.context.values.has('bedrock:inferenceprofilearn');
  const directly = (r: Request): Request =>
    request(
      r.action,
      r.resource,
      context(
        { 'aws:RequestedRegion': r.context.values.get('aws:requestedregion')![0]! },
        { absent: ['bedrock:InferenceProfileArn'] },
      ),
    );

  it('grant every request asked for, parse as a policy, use no wildcard, and keep Sids unique and untaken', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.constantFrom(...pool), { minLength: 1 }), sids, (requests, taken) => {
        const statements = allowStatementsFor(requests, new Set(taken));
        const names = statements.map((statement) => String(statement.Sid));
        expect(new Set(names).size).toBe(names.length);
        for (const name of names) expect(taken).not.toContain(name);
        const granted = asPolicy(statements);
        for (const r of requests) expect(evaluate({ identity: [granted] }, r).decision).toBe('allowed');
        for (const statement of statements) {
          for (const resource of ([] as string[]).concat(statement.Resource as string | string[]))
            expect(resource).not.toMatch(/[*?]/);
          for (const action of ([] as string[]).concat(statement.Action as string | string[])) {
            expect(requests.map((r) => r.action)).toContain(action);
          }
        }
      }),
    );
  });

  it('grant a foundation model reached through a profile only through that profile, never called directly', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(
          fc.constantFrom(...pool.filter((r) => isRouted(r) && r.resource.includes(':foundation-model/'))),
          { minLength: 1 },
        ),
        (requests) => {
          const granted = asPolicy(allowStatementsFor(requests));
          for (const r of requests) {
            expect(evaluate({ identity: [granted] }, directly(r)).decision).toBe('implicit-deny');
            const otherProfile = request(
              r.action,
              r.resource,
              context({
                'aws:RequestedRegion': r.context.values.get('aws:requestedregion')![0]!,
                'bedrock:InferenceProfileArn': profileArn('us-east-1', 'us.someone.else-v1:0'),
              }),
            );
            expect(evaluate({ identity: [granted] }, otherProfile).decision).toBe('implicit-deny');
          }
        },
      ),
    );
  });
});

describe('allowStatementsFor: API keys', () => {
  // https://docs.aws.amazon.com/bedrock/latest/userguide/api-keys-permissions.html: bedrock:CallWithBearerToken has
  // no resource type; bedrock:BearerTokenType names the kind of key.
  const bearer = (kind?: string): Request =>
    request(
      'bedrock:CallWithBearerToken',
      '*',
      context({ 'aws:RequestedRegion': 'us-east-1', ...(kind ? { 'bedrock:BearerTokenType': kind } : {}) }),
    );

  it('a statement of its own on "*", never beside a model ARN, bound to the kind of key', () => {
    const statements = allowStatementsFor([direct(INVOKE, modelArn('us-east-1', NOVA_LITE)), bearer('SHORT_TERM')]);
    expect(statements).toEqual([
      { Sid: 'AllowAmazonNovaLiteV10', Effect: 'Allow', Action: INVOKE, Resource: modelArn('us-east-1', NOVA_LITE) },
      {
        Sid: 'AllowBedrockApiKeys',
        Effect: 'Allow',
        Action: 'bedrock:CallWithBearerToken',
        Resource: '*',
        Condition: { StringEquals: { 'bedrock:BearerTokenType': 'SHORT_TERM' } },
      },
    ]);
  });

  it('a key of unknown kind gets no condition (it could not be verified)', () => {
    expect(allowStatementsFor([bearer()])).toEqual([
      { Sid: 'AllowBedrockApiKeys', Effect: 'Allow', Action: 'bedrock:CallWithBearerToken', Resource: '*' },
    ]);
  });
});
