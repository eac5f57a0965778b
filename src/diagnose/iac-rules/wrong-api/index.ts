import { wrongApiRule } from '../../rules/wrong-api/index.js';
import { codeCheckRule } from '../code-findings.js';

/** Python or JavaScript/TypeScript code sending inference to the control-plane `bedrock` client or endpoint. */
export const wrongApiIacRule = codeCheckRule(wrongApiRule, {
  finds:
    'Python or JavaScript/TypeScript code calling `invoke_model`/`converse`/`InvokeModelCommand`… on a control-plane `bedrock` client, or pointing the runtime client at a `bedrock.` endpoint: the error it fails with, at the call',
  severity: 'error',
  securitySeverity: '4.0',
  tags: ['reliability', 'code', 'bedrock'],
});
