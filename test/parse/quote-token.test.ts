import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_TOKEN_LENGTH, quoteToken, quoteTokenAround } from '../../src/parse/quote-token.js';

describe('quoteToken', () => {
  it('quotes short ASCII text as JSON does', () => {
    expect(quoteToken('bedrock:InvokeModel')).toBe('"bedrock:InvokeModel"');
  });

  it('escapes every non-ASCII and control character, so lookalikes and invisible characters show', () => {
    expect(quoteToken('Аllow')).toBe('"\\u0410llow"');
    expect(quoteToken('a\u200bb\nc')).toBe('"a\\u200bb\\nc"');
  });

  it('cuts long text (a secret in a mistaken file) to a short token', () => {
    const secret = 'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
    const token = quoteToken(secret);
    expect(token.length).toBeLessThanOrEqual(MAX_TOKEN_LENGTH);
    expect(token).not.toContain('EXAMPLEKEY');
    expect(token.endsWith('..."')).toBe(true);
  });

  it('shows the text around a position', () => {
    const text = 'arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-pr\u043e-v1:0';
    expect(quoteTokenAround(text, text.indexOf('\u043e'))).toContain('\\u043e');
  });

  it('always gives at most 40 characters that read back as a JSON string of a prefix of the text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
        const token = quoteToken(text);
        expect(token.length).toBeLessThanOrEqual(MAX_TOKEN_LENGTH);
        const shown = token.endsWith('..."') && token !== JSON.stringify(text) ? `${token.slice(0, -4)}"` : token;
        const value = JSON.parse(shown) as string;
        expect(text.startsWith(value)).toBe(true);
        expect(/^[\x20-\x7e]*$/.test(token)).toBe(true);
      }),
      { seed: 6, numRuns: 300 },
    );
  });
});
