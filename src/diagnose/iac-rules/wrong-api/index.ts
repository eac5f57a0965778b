import { wrongApiRule } from '../../rules/wrong-api/index.js';
import { codeCheckRule } from '../code-findings.js';

/** Python or JavaScript/TypeScript code sending inference to the control-plane `bedrock` client or endpoint. */
export const wrongApiIacRule = codeCheckRule(wrongApiRule, {
  severity: 'error',
  securitySeverity: '4.0',
  tags: ['reliability', 'code', 'bedrock'],
});
