// explain --reproduce of an AccessDenied on bedrock:CallWithBearerToken: re-evaluated as an API-key call of the
// model given (https://docs.aws.amazon.com/bedrock/latest/userguide/api-keys-permissions.html).
import { describe, expect, it } from 'vitest';
import { explainError } from '../../src/diagnose/explain/index.js';
import { reproduceError } from '../../src/analysis/index.js';
import { parsePrincipal } from '../../src/model/index.js';
import { doc, fullAwsAccess, policy, scpLevel } from '../helpers/policies.js';
import { REGION_GIVEN } from '../helpers/region-given.js';

const PRINCIPAL = 'arn:aws:sts::111122223333:assumed-role/BedrockApp/session-1';
const TEXT = `User: ${PRINCIPAL} is not authorized to perform: bedrock:CallWithBearerToken on resource: * with an explicit deny in a service control policy`;
const identity = [
  policy(doc({ Effect: 'Allow', Action: ['bedrock:InvokeModel*', 'bedrock:CallWithBearerToken'], Resource: '*' })),
];
const denyKeys = policy(doc({ Effect: 'Deny', Action: 'bedrock:CallWithBearerToken', Resource: '*' }), {
  type: 'scp',
  file: 'deny-keys.json',
});
const base = {
  explanation: explainError(TEXT),
  identity,
  scpLevels: [scpLevel('Root', fullAwsAccess()), scpLevel('Account', fullAwsAccess(), denyKeys)],
  fallbackRegion: { region: 'us-east-1', assumption: REGION_GIVEN },
  now: new Date('2026-11-27T12:00:00Z'),
  toolVersion: 'test',
};

describe('reproducing an API-key AccessDenied', () => {
  it('with the model the call used: reproduced exactly, the SCP Deny named', () => {
    const reproduction = reproduceError({ ...base, model: 'amazon.nova-lite-v1:0', region: 'us-east-1' });
    expect(reproduction.status).toBe('reproduced');
    expect(reproduction.predictedMessage).toBe(TEXT);
    expect(reproduction.evaluated).toMatchObject({ action: 'bedrock:CallWithBearerToken', principalFrom: 'message' });
    expect(reproduction.statements[0]).toMatchObject({ file: 'deny-keys.json', effect: 'Deny' });
    expect(reproduction.findings.some((finding) => finding.rule === 'api-key')).toBe(true);
  });

  it('without a model the message names none: not applicable', () => {
    expect(reproduceError(base).status).toBe('not-applicable');
  });

  it('a long-term key of a user the message names', () => {
    const user = 'arn:aws:iam::111122223333:user/key-user';
    const text = `User: ${user} is not authorized to perform: bedrock:CallWithBearerToken on resource: * because no identity-based policy allows the bedrock:CallWithBearerToken action`;
    const reproduction = reproduceError({
      ...base,
      explanation: explainError(text),
      identity: [policy(doc({ Effect: 'Allow', Action: 'bedrock:InvokeModel*', Resource: '*' }))],
      scpLevels: undefined,
      principal: parsePrincipal(user)!,
      apiKey: { kind: 'long-term' },
      model: 'amazon.nova-lite-v1:0',
      region: 'us-east-1',
    });
    expect(reproduction.status).toBe('reproduced');
  });
});

describe('reproducing the tail of an API-key AccessDenied', () => {
  it('the resource of bedrock:CallWithBearerToken is "*" even when the text is cut before it', () => {
    const tail = 'because no identity-based policy allows the bedrock:CallWithBearerToken action';
    const reproduction = reproduceError({
      ...base,
      explanation: explainError(tail),
      identity: [policy(doc({ Effect: 'Allow', Action: 'bedrock:InvokeModel*', Resource: '*' }))],
      scpLevels: undefined,
      principal: parsePrincipal(PRINCIPAL)!,
      model: 'amazon.nova-lite-v1:0',
      region: 'us-east-1',
    });
    expect(reproduction.check).toMatchObject({
      action: 'bedrock:CallWithBearerToken',
      resource: '*',
      decision: 'implicit-deny',
    });
    expect(reproduction.sameDenial).toBe(true);
  });
});
