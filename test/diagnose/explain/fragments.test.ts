// Fragments of the documented AccessDenied texts (https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_access-denied.html):
// a log line that kept only the tail ("… because no service control policy allows the bedrock:InvokeModel action",
// "… with an explicit deny in a permissions boundary") or only the middle ("… is not authorized to perform:
// bedrock:InvokeModelWithResponseStream"). What a fragment carries is reported; what it lacks stays null
// (unknown), never guessed. Negative texts and fast-check properties guard against matching too eagerly.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { explainError, knownSignatures, type ExplainedFields } from '../../../src/diagnose/explain/index.js';
import { explainReport, reproduceError } from '../../../src/analysis/index.js';
import { formatExplainText } from '../../../src/report/explain.js';
import { doc, policy } from '../../helpers/policies.js';
import { REGION_GIVEN } from '../../helpers/region-given.js';

interface Fragment {
  readonly text: string;
  readonly source: string;
  readonly expectedSignature: string;
  readonly fields: Partial<ExplainedFields>;
}

interface CorpusText {
  readonly text: string;
  readonly expectedSignature: string;
}

const read = <T>(name: string): T =>
  JSON.parse(readFileSync(new URL(`../../fixtures/explain/${name}`, import.meta.url), 'utf8')) as T;
const runtime = read<{ messages: readonly CorpusText[]; fragments: readonly Fragment[] }>(
  'bedrock-runtime-errors.json',
);
const shared = read<{ messages: readonly CorpusText[] }>('bedrock-error-messages.json');

const NONE: ExplainedFields = {
  principal: null,
  action: null,
  resource: null,
  policyType: null,
  denial: null,
  policyArn: null,
  modelId: null,
  region: null,
  detail: null,
};

describe('fragments of AccessDenied texts', () => {
  it.each(runtime.fragments.map((fragment) => [fragment.expectedSignature, fragment] as const))(
    '%s',
    (_id, fragment) => {
      const explanation = explainError(fragment.text);
      expect(explanation.signature).toBe(fragment.expectedSignature);
      expect(explanation.rule).toBe(
        fragment.expectedSignature.startsWith('other/') ? null : fragment.expectedSignature.split('/')[0],
      );
      expect(explanation.documentedException).toBe('AccessDeniedException');
      // Exactly the fields the fragment carries; the principal is never in a fragment.
      expect(explanation.fields).toEqual({ ...NONE, ...fragment.fields });
      expect(explanation.truncated).toBe(true);
    },
  );

  it("the issue's log line: SCP, implicit, the action, and principal and resource reported unknown", () => {
    const explanation = explainError('because no service control policy allows the bedrock:InvokeModel action');
    expect(explanation).toMatchObject({
      rule: 'service-control-policy',
      fields: { policyType: 'scp', denial: 'implicit', action: 'bedrock:InvokeModel', principal: null, resource: null },
    });
    const text = formatExplainText(explainReport(explanation, null, '0.0.0-test'));
    expect(text).toContain('  unknown    principal, resource (not in the text)');
    expect(text).toContain('  policy     no allow in the service control policy');
    expect(text).toContain('  note       the text is cut off; fields it does not show are unknown');
  });

  it('takes the action only when the word "action" follows it: a cut inside the name does not pick the wrong action', () => {
    expect(explainError('because no identity-based policy allows the bedrock:InvokeModel').fields.action).toBeNull();
    expect(
      explainError('because no identity-based policy allows the bedrock:InvokeModelWithResponseStream action').fields
        .action,
    ).toBe('bedrock:InvokeModelWithResponseStream');
  });

  it('a complete text still wins over its own tail, with principal and resource', () => {
    const complete =
      'User: arn:aws:iam::123456789012:user/dev is not authorized to perform: bedrock:InvokeModel on resource: arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-pro-v1:0 with an explicit deny in a permissions boundary';
    expect(explainError(complete)).toMatchObject({
      signature: 'permissions-boundary/explicit-deny',
      truncated: false,
      fields: { principal: 'arn:aws:iam::123456789012:user/dev' },
    });
  });

  it('re-evaluation is skipped and says the principal and resource are unknown', () => {
    const reproduction = reproduceError({
      explanation: explainError('… with an explicit deny in a permissions boundary'),
      identity: [policy(doc({ Effect: 'Allow', Action: 'bedrock:InvokeModel*', Resource: '*' }))],
      fallbackRegion: { region: 'us-east-1', assumption: REGION_GIVEN },
      now: new Date('2026-01-15T12:00:00Z'),
      toolVersion: '0.0.0-test',
    });
    expect(reproduction).toMatchObject({ status: 'not-applicable', evaluated: null });
    expect(reproduction.reason).toBe(
      'the message names no action and resource to re-evaluate (it is cut off: they are unknown, pass the complete text)',
    );
  });
});

describe('texts that resemble AccessDenied fragments but are not them stay unrecognised', () => {
  it.each([
    'because the service control policy allows the bedrock:InvokeModel action',
    'with an explicit deny',
    'an explicit deny in a permissions boundary overrides any allow',
    'User is not authorized to perform this action',
    'is not authorized to perform: the requested operation',
    'no service control policy allows it, says the wiki',
    'denied by the session policy',
    'because no VPN allows the connection',
  ])('%s', (text) => {
    expect(explainError(text)).toMatchObject({ status: 'unrecognised', signature: null });
  });
});

// The phrase that makes a text what it is: the policy-type wording for the AccessDenied family (a truncation
// that keeps it but drops the head must stay with the same rule), and the signature's own pattern otherwise.
const POLICY_TYPE_PHRASE =
  /because no (?:identity-based policy|service control policy|permissions boundary|session policy) allows the|with an explicit deny in an? (?:identity-based policy|service control policy|permissions boundary|session policy)/;

interface Truncatable {
  readonly words: readonly string[];
  readonly first: number;
  readonly last: number;
  readonly rule: string | null;
  readonly signature: string;
}

function truncatable(text: string, expectedSignature: string): Truncatable | undefined {
  const collapsed = text.replace(/\s+/g, ' ').trim();
  const signature = knownSignatures().find((candidate) => candidate.id === expectedSignature)!;
  const phrase = signature.policyType ? POLICY_TYPE_PHRASE : signature.pattern;
  const match = phrase.exec(collapsed);
  if (!match) return undefined;
  const words = collapsed.split(' ');
  let offset = 0;
  let first = -1;
  let last = -1;
  words.forEach((word, index) => {
    const end = offset + word.length;
    if (first < 0 && end > match.index) first = index;
    if (offset < match.index + match[0].length) last = index;
    offset = end + 1;
  });
  return { words, first, last, rule: signature.rule, signature: expectedSignature };
}

const CORPUS = [...shared.messages, ...runtime.messages, ...runtime.fragments].map((entry) => ({
  entry,
  cut: truncatable(entry.text, entry.expectedSignature),
}));

describe('properties', () => {
  it('the distinguishing phrase is found in nearly every corpus text', () => {
    const missing = CORPUS.filter(({ cut }) => cut === undefined).map(({ entry }) => entry.text);
    expect(missing.length, missing.join('\n')).toBeLessThanOrEqual(3);
  });

  it('a random truncation at word boundaries that keeps the distinguishing phrase keeps the rule', () => {
    const cases = CORPUS.flatMap(({ cut }) => (cut ? [cut] : []));
    fc.assert(
      fc.property(
        fc
          .constantFrom(...cases)
          .chain((cut) =>
            fc.tuple(
              fc.constant(cut),
              fc.integer({ min: 0, max: cut.first }),
              fc.integer({ min: cut.last, max: cut.words.length - 1 }),
            ),
          ),
        ([cut, start, end]) => {
          const explanation = explainError(cut.words.slice(start, end + 1).join(' '));
          expect(explanation.status).toBe('recognised');
          expect(explanation.rule).toBe(cut.rule);
          // Texts no rule owns are told apart by their signature.
          if (cut.rule === null) expect(explanation.signature).toBe(cut.signature);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('random unrelated text is never recognised as an AccessDenied', () => {
    const unrelated = fc.oneof(
      fc.lorem({ maxCount: 40 }),
      fc.string({ maxLength: 300 }),
      fc
        .array(
          fc.constantFrom(
            'User:',
            'is',
            'not',
            'authorized',
            'to',
            'perform',
            'because',
            'no',
            'policy',
            'allows',
            'the',
            'deny',
            'explicit',
            'in',
            'a',
            'bedrock',
            'action',
            'arn',
          ),
          { maxLength: 30 },
        )
        .map((words) => words.join(' ')),
    );
    fc.assert(
      fc.property(unrelated, (text) => {
        const explanation = explainError(text);
        expect(explanation.documentedException).not.toBe('AccessDeniedException');
        expect(explanation.fields.policyType).toBeNull();
      }),
      { numRuns: 500 },
    );
  });
});
