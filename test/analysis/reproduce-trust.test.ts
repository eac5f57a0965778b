// A model read from an AWS error message's resource ARN is one AWS itself named: re-evaluating it never asks
// for --trust-model (issue 6 makes an id unknown to the catalog unresolved only when the user typed it).
import { describe, expect, it } from 'vitest';
import { accessDeniedMessage } from '../../src/bedrock/index.js';
import { explainError } from '../../src/diagnose/explain/index.js';
import { reproduceError } from '../../src/analysis/index.js';
import { renderCliHints } from '../../src/report/cli-hints.js';
import { doc, policy } from '../helpers/policies.js';
import { REGION_GIVEN } from '../helpers/region-given.js';

const NEWER = 'amazon.nova-ultra-v9:0';
const text = accessDeniedMessage({
  principal: 'arn:aws:sts::111122223333:assumed-role/BedrockApp/session-1',
  action: 'bedrock:InvokeModel',
  resource: `arn:aws:bedrock:us-east-1::foundation-model/${NEWER}`,
  policyType: 'identity',
  kind: 'implicit',
});
const identity = [
  policy(
    doc({
      Effect: 'Allow',
      Action: 'bedrock:InvokeModel',
      Resource: 'arn:aws:bedrock:*::foundation-model/anthropic.*',
    }),
  ),
];
const base = {
  explanation: explainError(text),
  identity,
  fallbackRegion: { region: 'us-east-1', assumption: REGION_GIVEN },
  now: new Date('2026-11-27T12:00:00Z'),
  toolVersion: 't',
};

describe('reproduceError and models newer than the catalog', () => {
  it('the model from the message: reproduced, nothing asks for --trust-model', () => {
    const result = renderCliHints(reproduceError(base));
    expect(result.status).toBe('reproduced');
    expect(result.unresolved).toEqual([]);
    expect(result.findings.filter((f) => f.rule === 'model-access').map((f) => f.severity)).toEqual(['warning']);
    expect(JSON.stringify(result)).not.toContain('--trust-model');
  });

  it('a --model the user typed that the catalog does not know: the re-evaluation says it is unresolved', () => {
    const result = renderCliHints(reproduceError({ ...base, model: NEWER }));
    expect(result.unresolved.join(' ')).toContain('--trust-model');
  });
});
