import { describe, expect, it } from 'vitest';
import type { ReportCondition, ReportStatement } from '../../src/model/index.js';
import type { CheckEntry } from '../../src/report/words/worded-reports.js';
import { escapeText } from '../../src/report/markdown.js';
import {
  possibleErrorsText,
  possibleOutcomeBlocks,
  possibleOutcomeLines,
  uncertainCells,
} from '../../src/report/possible-outcomes.js';
import { PLAIN } from '../../src/report/style.js';

// A hand-built check: an SCP level that allows only from a VPC, and no identity-based Allow. AWS names
// one policy type per denial (https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_access-denied.html),
// the SCP levels before the identity-based policies (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html).

const RESOURCE = 'arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-pro-v1:0';
const HEAD = `User: arn:aws:sts::111122223333:assumed-role/App/s1 is not authorized to perform: bedrock:InvokeModel on resource: ${RESOURCE}`;
const SCP_MESSAGE = `${HEAD} because no service control policy allows the bedrock:InvokeModel action`;
const IDENTITY_MESSAGE = `${HEAD} because no identity-based policy allows the bedrock:InvokeModel action`;

const allow: ReportStatement = {
  policyType: 'scp',
  policyName: 'only_vpc',
  level: 'ou-1',
  file: 'scp/only_vpc.json',
  line: 4,
  column: 5,
  sid: 'OnlyFromVpc',
  effect: 'Allow',
  conditional: true,
};
const condition: ReportCondition = {
  kind: 'allow-if-any',
  policyType: 'scp',
  level: 'ou-1',
  alternatives: [
    {
      statement: allow,
      clauses: [
        { operator: 'StringEquals', key: 'aws:SourceVpc', values: ['vpc-1'], file: 'scp/only_vpc.json', line: 8 },
      ],
    },
  ],
};
const entry: CheckEntry = {
  action: 'bedrock:InvokeModel',
  resource: RESOURCE,
  requestedRegion: 'us-east-1',
  reason: 'foundation model invoked on demand',
  inferenceProfileArn: null,
  decision: 'implicit-deny',
  deniedBy: 'identity',
  deniedAtLevel: null,
  message: null,
  statements: [allow],
  possibleOutcomes: [
    {
      decision: 'implicit-deny',
      deniedBy: 'scp',
      deniedAtLevel: 'ou-1',
      message: SCP_MESSAGE,
      statements: [allow],
      when: [{ holds: false, condition }],
    },
    {
      decision: 'implicit-deny',
      deniedBy: 'identity',
      deniedAtLevel: null,
      message: IDENTITY_MESSAGE,
      statements: [],
      when: [{ holds: true, condition }],
    },
  ],
};

describe('possible outcomes in the reports', () => {
  it('text: the uncertainty, then each condition with the message AWS returns under it', () => {
    expect(possibleOutcomeLines(entry, PLAIN)).toEqual([
      `✗ denied (in every context)  bedrock:InvokeModel on ${RESOURCE}`,
      '  (foundation model invoked on demand; aws:RequestedRegion=us-east-1)',
      '    denied whatever the context; which error AWS returns depends on aws:SourceVpc:',
      '    - if the service control policy at level ou-1 does not allow it: aws:SourceVpc is vpc-1 [scp/only_vpc.json:4 (Sid OnlyFromVpc), service control policy only_vpc, level ou-1] is false:',
      '        no service control policy (level ou-1) allows it',
      `        ${SCP_MESSAGE}`,
      '    - if the service control policy at level ou-1 allows it: aws:SourceVpc is vpc-1 [scp/only_vpc.json:4 (Sid OnlyFromVpc), service control policy only_vpc, level ou-1]:',
      '        no identity-based policy allows it',
      `        ${IDENTITY_MESSAGE}`,
      '',
    ]);
  });

  it('markdown: the table names both policy types, and a block lists each message in a fence', () => {
    expect(uncertainCells(entry)).toEqual([
      'denied whatever the context',
      'service control policy (level ou-1) or identity-based policy, depending on aws:SourceVpc (see below)',
    ]);
    const [block] = possibleOutcomeBlocks([entry], escapeText);
    expect(block).toContain('which error AWS returns depends on aws:SourceVpc:**');
    expect(block).toContain(
      `- If the service control policy at level ou-1 does not allow it: aws:SourceVpc is vpc-1 \\[scp/only\\_vpc.json:4`,
    );
    expect(block).toContain(`  \`\`\`text\n  ${SCP_MESSAGE}\n  \`\`\``);
    expect(block).toContain(`  \`\`\`text\n  ${IDENTITY_MESSAGE}\n  \`\`\``);
    expect(possibleOutcomeBlocks([{ ...entry, possibleOutcomes: undefined } as CheckEntry], escapeText)).toEqual([]);
  });

  it('sarif message lines: only for a finding about such a check', () => {
    const text = possibleErrorsText({ checks: [`bedrock:InvokeModel on ${RESOURCE}`] }, [entry]);
    expect(text.split('\n').slice(1)).toEqual([
      `bedrock:InvokeModel on ${RESOURCE}: denied whatever the context; which error AWS returns depends on aws:SourceVpc:`,
      expect.stringMatching(
        /^- if the service control policy at level ou-1 does not allow it: .* is false: User: .* because no service control policy allows/,
      ),
      expect.stringMatching(
        /^- if the service control policy at level ou-1 allows it: .*: User: .* because no identity-based policy allows/,
      ),
    ]);
    expect(possibleErrorsText({ checks: ['bedrock:InvokeModel on another'] }, [entry])).toBe('');
  });
});
