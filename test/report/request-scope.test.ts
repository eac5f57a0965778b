import { describe, expect, it } from 'vitest';
import { renderCliHints } from '../../src/report/cli-hints.js';
import { requestScope } from '../../src/report/request-scope.js';
import type { CheckEntry } from '../../src/report/words/worded-reports.js';
import { CHECKS } from './reports.js';

const MODEL = 'anthropic.claude-sonnet-4-5-20250929-v1:0';
const PROFILE = `arn:aws:bedrock:us-east-1:111122223333:inference-profile/global.${MODEL}`;

function entry(action: string, resource: string): CheckEntry {
  return { ...renderCliHints(CHECKS[0]!), action, resource };
}

const both = (resource: string) => [
  entry('bedrock:InvokeModel', resource),
  entry('bedrock:InvokeModelWithResponseStream', resource),
];
const ALL = [
  ...both(PROFILE),
  ...both(`arn:aws:bedrock:us-east-1::foundation-model/${MODEL}`),
  ...both(`arn:aws:bedrock:::foundation-model/${MODEL}`),
  ...both(`arn:aws:bedrock:us-west-2::foundation-model/${MODEL}`),
];

describe('requestScope', () => {
  it('counts the requests and names the model Regions together, with both actions in two words', () => {
    expect(requestScope(ALL.slice(2, 4).concat(ALL.slice(6)), ALL)).toBe(
      '4 of 8 requests: the model in us-east-1 and us-west-2, both actions',
    );
  });

  it('names the Region-less ARN of a global profile, the profile itself, and a single action', () => {
    expect(requestScope([ALL[4]!], ALL)).toBe(
      '1 of 8 requests: the Region-less model ARN of the global profile, InvokeModel',
    );
    expect(requestScope([ALL[1]!, ALL[5]!], ALL)).toBe(
      '2 of 8 requests: the inference profile in us-east-1 and the Region-less model ARN of the global profile, InvokeModelWithResponseStream',
    );
  });
});
