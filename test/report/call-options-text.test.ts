// The call options in the header of the text and Markdown reports: one short line, only when given.
import { describe, expect, it } from 'vitest';
import { callOptionPhrases, callOptionsLine } from '../../src/report/call-options-text.js';
import { explainReport } from '../../src/analysis/explain-report.js';
import { reproduceError } from '../../src/analysis/index.js';
import { explainError } from '../../src/diagnose/explain/index.js';
import { formatExplainText } from '../../src/report/explain.js';
import { doc, policy } from '../helpers/policies.js';
import { REGION_GIVEN } from '../helpers/region-given.js';
import { formatMarkdown, inlineCode } from '../../src/report/markdown.js';
import { formatMatrixMarkdown } from '../../src/report/matrix-markdown.js';
import { formatMatrixText } from '../../src/report/matrix-text.js';
import { formatMatrixSarif } from '../../src/report/matrix-sarif.js';
import { formatSarif } from '../../src/report/sarif.js';
import { formatText } from '../../src/report/text.js';
import { parseSarif } from './sarif-schema.js';
import { shared } from './matrix-fixtures.js';
import { IDENTITY_FINDING, report, RULE_DESCRIPTORS } from './reports.js';

const withCall = (extra: object) => {
  const base = report([IDENTITY_FINDING]);
  return report([IDENTITY_FINDING], { input: { ...base.input, ...extra } });
};
const OPTIONS = {
  auth: { method: 'api-key' as const, kind: 'short-term' as const },
  guardrail: { identifier: 'gr1', version: '2' },
  serviceTier: 'flex',
  operations: ['InvokeModelWithBidirectionalStream'],
};

describe('callOptionPhrases', () => {
  it('is empty without options, and a call line is then absent', () => {
    expect(callOptionPhrases({})).toEqual([]);
    expect(callOptionsLine({})).toBeUndefined();
  });

  it('words each option, values in code when asked', () => {
    expect(callOptionsLine(OPTIONS)).toBe(
      'Call: Amazon Bedrock API key (short-term), guardrail gr1:2, service tier flex, operation InvokeModelWithBidirectionalStream',
    );
    expect(callOptionPhrases({ auth: { method: 'api-key' }, guardrail: { identifier: 'gr1' } }, inlineCode)).toEqual([
      'Amazon Bedrock API key',
      'guardrail `gr1`',
    ]);
  });

  it('names the VPC endpoint policy among the report input policies', () => {
    expect(callOptionPhrases({ policies: [{ type: 'vpc-endpoint', name: 'vpce.json', file: 'vpce.json' }] })).toEqual([
      'through the VPC endpoint of vpce.json',
    ]);
  });
});

describe('the check reports', () => {
  it('text: the call line follows the verdict line; absent without options', () => {
    const lines = formatText(withCall(OPTIONS)).split('\n');
    expect(lines[1]).toBe(
      '  Call: Amazon Bedrock API key (short-term), guardrail gr1:2, service tier flex, operation InvokeModelWithBidirectionalStream',
    );
    expect(formatText(report([IDENTITY_FINDING]))).not.toContain('Call:');
  });

  it('Markdown: a paragraph after the status line', () => {
    const blocks = formatMarkdown(withCall({ serviceTier: 'priority' })).split('\n\n');
    expect(blocks[2]).toBe('**Call:** service tier `priority`');
    expect(formatMarkdown(report([IDENTITY_FINDING]))).not.toContain('**Call:**');
  });
});

describe('SARIF: the call options among the run properties, only when given', () => {
  const runProperties = (text: string) =>
    (parseSarif(text) as unknown as { runs: { properties: Record<string, unknown> }[] }).runs[0]!.properties;

  it('check', () => {
    expect(runProperties(formatSarif(withCall(OPTIONS), RULE_DESCRIPTORS))).toMatchObject(OPTIONS);
    expect(runProperties(formatSarif(report([IDENTITY_FINDING]), RULE_DESCRIPTORS))).not.toHaveProperty('auth');
  });

  it('matrix', () => {
    const matrix = { ...shared(), serviceTier: 'reserved' };
    expect(runProperties(formatMatrixSarif(matrix, RULE_DESCRIPTORS))).toMatchObject({ serviceTier: 'reserved' });
    expect(runProperties(formatMatrixSarif(shared(), RULE_DESCRIPTORS))).not.toHaveProperty('serviceTier');
  });
});

describe('the matrix reports', () => {
  it('text and Markdown show the call options every cell was checked with', () => {
    const matrix = { ...shared(), auth: { method: 'api-key' as const } };
    expect(formatMatrixText(matrix).split('\n')[1]).toBe('Call: Amazon Bedrock API key');
    expect(formatMatrixMarkdown(matrix)).toContain('\n\n**Call:** Amazon Bedrock API key\n\n');
    expect(formatMatrixText(shared())).not.toContain('Call:');
    expect(formatMatrixMarkdown(shared())).not.toContain('**Call:**');
  });
});

describe('explain', () => {
  // An AccessDenied on bedrock:CallWithBearerToken is re-evaluated as an API-key call
  // (https://docs.aws.amazon.com/bedrock/latest/userguide/api-keys-permissions.html): the reproduction says so.
  const PRINCIPAL = 'arn:aws:sts::111122223333:assumed-role/BedrockApp/session-1';
  const TEXT = `User: ${PRINCIPAL} is not authorized to perform: bedrock:CallWithBearerToken on resource: * because no identity-based policy allows the bedrock:CallWithBearerToken action`;
  const explanation = explainError(TEXT);
  const reproduce = (extra: object) =>
    reproduceError({
      explanation,
      identity: [policy(doc({ Effect: 'Allow', Action: 'bedrock:InvokeModel*', Resource: '*' }))],
      model: 'amazon.nova-lite-v1:0',
      region: 'us-east-1',
      fallbackRegion: { region: 'us-east-1', assumption: REGION_GIVEN },
      now: new Date('2026-11-27T12:00:00Z'),
      toolVersion: 'test',
      ...extra,
    });

  it('records the API key the message implies, and the tier given, under what was evaluated', () => {
    const reproduction = reproduce({ serviceTier: 'flex' });
    expect(reproduction.evaluated).toMatchObject({ auth: { method: 'api-key' }, serviceTier: 'flex' });
    const text = formatExplainText(explainReport(explanation, reproduction, 'test'));
    expect(text).toContain('\n  call       Amazon Bedrock API key, service tier flex\n');
  });
});
