// The words of model-access's AWS Marketplace findings (src/report/words/marketplace-words.ts) for the paths the
// example outputs do not reach: a plan that stops short, and its changes offered as advice, not verified.
// The Marketplace actions of a first-use subscription: https://docs.aws.amazon.com/bedrock/latest/userguide/model-access.html#model-access-permissions
import { describe, expect, it } from 'vitest';
import { message } from '../../../src/model/index.js';
import { renderCliHints } from '../../../src/report/cli-hints.js';

const ACTIONS = ['aws-marketplace:Subscribe', 'aws-marketplace:ViewSubscriptions'];

describe('AWS Marketplace alternatives in words', () => {
  it('an unverified change: its summary and its re-evaluation, from the params of both', () => {
    const change = message('marketplace-change-not-verified', {
      fix: 'allow-marketplace-actions',
      actions: ACTIONS,
      denied: ACTIONS,
      policyType: 'scp',
      policyName: 'BedrockOnly',
      level: 'ou-ml',
      file: 'ou.json',
      docs: 'https://docs.aws.amazon.com/bedrock/latest/userguide/model-access.html#model-access-permissions',
      removed: false,
      others: 2,
      evaluated: ACTIONS,
      decisions: ['allowed', 'implicit-deny'],
      opened: 1,
      instruction: false,
    });
    expect(renderCliHints(change)).toBe(
      'not verified: Allow aws-marketplace:Subscribe and aws-marketplace:ViewSubscriptions in the SCP BedrockOnly attached at ou-ml ' +
        '(re-evaluated with the statement added, together with the other 2 changes of this finding: aws-marketplace:Subscribe allowed, ' +
        'aws-marketplace:ViewSubscriptions implicit-deny; 1 InvokeModel check that was not allowed becomes allowed too)',
    );
  });

  it('a plan that stops short says why', () => {
    expect(
      renderCliHints([
        message('marketplace-no-policy-for-allow', { level: 'ou-ml', actions: ACTIONS }),
        message('marketplace-no-policy-for-allow', { level: null, actions: ['aws-marketplace:Subscribe'] }),
        message('marketplace-still-conditional', { keys: [] }),
        message('marketplace-still-conditional', { keys: ['aws:SourceIp'] }),
      ]),
    ).toEqual([
      'No policy at ou-ml could take an Allow for aws-marketplace:Subscribe and aws-marketplace:ViewSubscriptions: attach one.',
      'No policy could take an Allow for aws-marketplace:Subscribe: attach one.',
      'With the changes applied, the decision still depends on conditions the engine cannot resolve.',
      'With the changes applied, the decision still depends on the unknown context key(s) aws:SourceIp.',
    ]);
  });
});
