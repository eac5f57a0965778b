// Every real Bedrock error text of the shared corpus (copied into test/fixtures/explain) must be recognised,
// and by the signature we expect for it: categories map to rules, but a few categories span several
// (e.g. "account-not-authorized" holds both a model-access text and an account-restriction one).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { explainError } from '../../../src/diagnose/explain/index.js';

interface CorpusMessage {
  readonly text: string;
  readonly exception: string;
  readonly operation: string;
  readonly category: string;
  readonly source: string;
  readonly truncated?: boolean;
  readonly expectedSignature: string;
}

const corpus = JSON.parse(
  readFileSync(new URL('../../fixtures/explain/bedrock-error-messages.json', import.meta.url), 'utf8'),
) as {
  readonly messages: readonly CorpusMessage[];
};

describe('the shared corpus of Bedrock error texts', () => {
  it('has the 24 categories explain must cover', () => {
    expect(new Set(corpus.messages.map((message) => message.category)).size).toBe(24);
  });

  it.each(corpus.messages.map((message, index) => [index, message.category, message] as const))(
    '#%i (%s) maps to its expected signature and rule',
    (_index, _category, message) => {
      const explanation = explainError(message.text);
      expect(explanation.status).toBe('recognised');
      expect(explanation.signature).toBe(message.expectedSignature);
      const owner = message.expectedSignature.split('/')[0];
      expect(explanation.rule).toBe(owner === 'other' ? null : owner);
      expect(explanation.cause).not.toBe('');
      expect(explanation.steps.length).toBeGreaterThan(0);
    },
  );

  it('recognises every category by some signature', () => {
    const byCategory = new Map<string, Set<string>>();
    for (const message of corpus.messages) {
      const signature = explainError(message.text).signature;
      expect(signature, message.text).not.toBeNull();
      (byCategory.get(message.category) ?? byCategory.set(message.category, new Set()).get(message.category)!).add(
        signature!,
      );
    }
    expect([...byCategory.keys()].sort()).toEqual(
      [...new Set(corpus.messages.map((message) => message.category))].sort(),
    );
  });

  it('names the exception the corpus records whenever the text itself names one', () => {
    for (const message of corpus.messages) {
      const explanation = explainError(message.text);
      if (explanation.exception === null) continue;
      // The corpus notes event-stream and service-specific forms in prose; compare the code itself.
      const recorded = message.exception.split(' ')[0]!.replace(/^./, (first) => first.toUpperCase());
      expect(explanation.exception, message.text).toBe(recorded);
    }
  });

  it('flags as cut off the texts the corpus marks truncated, where the text shows it', () => {
    // The Swift text is cut in the duplicate of the message its HTTP dump repeats: the message itself is complete.
    const shown = corpus.messages.filter(
      (message) =>
        message.truncated &&
        /(?:\.\.\.|…)$|act$|bedrock:I$|\/BedrockC$/.test(message.text) &&
        !message.text.includes('Optional("'),
    );
    expect(shown.length).toBeGreaterThanOrEqual(4);
    for (const message of shown) expect(explainError(message.text).truncated, message.text).toBe(true);
  });
});
