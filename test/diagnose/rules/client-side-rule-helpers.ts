// Shared by the tests of the rules about client-side failures (wrong-api, sdk-too-old, account-restriction).
import { evaluateChecks } from '../../../src/analysis/check.js';
import type { Evaluation } from '../../../src/diagnose/evaluation.js';
import { parsePrincipal } from '../../../src/model/index.js';
import { doc, policy } from '../../helpers/policies.js';

/** A real evaluation (one denied, one allowed check) for diagnose() to look at. */
export function sampleEvaluation(): Evaluation {
  return evaluateChecks({
    identity: [
      policy(
        doc({
          Effect: 'Allow',
          Action: 'bedrock:InvokeModel',
          Resource: 'arn:aws:bedrock:us-east-1::foundation-model/*',
        }),
      ),
    ],
    model: 'amazon.nova-pro-v1:0',
    region: 'us-east-1',
    principal: parsePrincipal('arn:aws:sts::111122223333:assumed-role/BedrockApp/session-1')!,
    actions: ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'],
    now: new Date('2026-01-15T12:00:00Z'),
    toolVersion: 'test',
  }).evaluation;
}
