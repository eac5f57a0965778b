import { printParseErrorCode, visit, type ParseOptions } from 'jsonc-parser';
import { quoteToken } from './quote-token.js';

/** Strict JSON, as AWS reads a policy: no comments, no trailing commas, no empty document. */
export const STRICT_JSON: ParseOptions = {
  disallowComments: true,
  allowTrailingComma: false,
  allowEmptyContent: false,
};

export interface SyntaxProblem {
  readonly offset: number;
  readonly message: string;
}

interface RawError {
  readonly code: string;
  readonly offset: number;
  readonly length: number;
  readonly container: 'object' | 'array' | undefined;
  readonly afterRootValue: boolean;
}

/**
 * The first syntax error of a text, phrased for people. Only the first is reported: the parser's
 * recovery after it mostly produces echoes of the same mistake.
 */
export function findFirstSyntaxProblem(text: string): SyntaxProblem | undefined {
  const error = firstRawError(text);
  return error && describe(text, error);
}

function firstRawError(text: string): RawError | undefined {
  const containers: ('object' | 'array')[] = [];
  let afterRootValue = false;
  let first: RawError | undefined;
  const endValue = (): void => {
    if (containers.length === 0) afterRootValue = true;
  };
  visit(
    text,
    {
      onObjectBegin: () => {
        containers.push('object');
      },
      onArrayBegin: () => {
        containers.push('array');
      },
      onObjectEnd: () => {
        containers.pop();
        endValue();
      },
      onArrayEnd: () => {
        containers.pop();
        endValue();
      },
      onLiteralValue: endValue,
      onError: (error, offset, length) => {
        const code = printParseErrorCode(error);
        // The visitor ends a container before reporting its missing closing token, so take it from the code.
        const container =
          code === 'CloseBraceExpected' ? 'object' : code === 'CloseBracketExpected' ? 'array' : containers.at(-1);
        first ??= { code, offset, length, container, afterRootValue };
      },
    },
    STRICT_JSON,
  );
  return first;
}

function describe(text: string, error: RawError): SyntaxProblem {
  const { code, offset, container } = error;
  if (text.trim() === '') return { offset: 0, message: 'the file is empty: expected a JSON object' };
  const trailingComma = trailingCommaBefore(text, offset);
  if ((code === 'ValueExpected' || code === 'PropertyNameExpected') && trailingComma !== undefined) {
    return { offset: trailingComma, message: `trailing comma before "${text[offset]}" is not allowed in JSON` };
  }
  if (offset >= text.length && code !== 'UnexpectedEndOfString' && code !== 'UnexpectedEndOfComment') {
    return { offset: text.length, message: `unexpected end of file: ${expectationAtEnd(code, container)}` };
  }
  return { offset, message: messageFor(text, error) };
}

function messageFor(text: string, { code, offset, length, container, afterRootValue }: RawError): string {
  const token = text.slice(offset, offset + Math.max(length, 1));
  switch (code) {
    case 'CommaExpected':
    case 'CloseBraceExpected':
    case 'CloseBracketExpected':
      return `${closingHint(container)}, found ${quote(token)}`;
    case 'ColonExpected':
      return `expected a colon after the property name, found ${quote(token)}`;
    case 'PropertyNameExpected':
      return `expected a property name in double quotes, found ${quote(token)}`;
    case 'ValueExpected':
      return `expected a value, found ${quote(token)}`;
    case 'EndOfFileExpected':
      return `unexpected ${quote(token)} after the end of the JSON value`;
    case 'InvalidSymbol':
      return afterRootValue
        ? `unexpected ${quote(token)} after the end of the JSON value`
        : invalidSymbolMessage(text, token, offset, container);
    case 'InvalidCommentToken':
      return 'comments are not allowed in JSON';
    case 'UnexpectedEndOfComment':
      return 'unterminated comment (comments are not allowed in JSON)';
    case 'UnexpectedEndOfString':
      return 'unterminated string';
    case 'UnexpectedEndOfNumber':
    case 'InvalidNumberFormat':
      return `invalid number ${quote(token)}`;
    case 'InvalidUnicode':
      return 'invalid \\u escape in string (expected four hexadecimal digits)';
    case 'InvalidEscapeCharacter':
      return 'invalid escape sequence in string';
    case 'InvalidCharacter':
      return 'control character in string: write it as an escape such as \\n or \\t';
    default:
      return `invalid JSON near ${quote(token)}`;
  }
}

function invalidSymbolMessage(
  text: string,
  token: string,
  offset: number,
  container: 'object' | 'array' | undefined,
): string {
  if (token.startsWith("'")) return `unexpected ${quote(token)}: JSON strings use double quotes`;
  if (/^(true|false|null)$/i.test(token))
    return `unexpected ${quote(token)}: JSON literals are lowercase (true, false, null)`;
  const previous = previousSignificantChar(text, offset);
  if (container === 'object' && (previous === '{' || previous === ',')) {
    return `unexpected ${quote(token)}: property names must be in double quotes`;
  }
  return `unexpected ${quote(token)}`;
}

function expectationAtEnd(code: string, container: 'object' | 'array' | undefined): string {
  if (code === 'ValueExpected') return 'expected a value';
  if (code === 'PropertyNameExpected') return 'expected a property name';
  if (code === 'ColonExpected') return 'expected a colon';
  return closingHint(container);
}

function closingHint(container: 'object' | 'array' | undefined): string {
  if (container === 'object') return 'expected a comma or closing brace';
  if (container === 'array') return 'expected a comma or closing bracket';
  return 'expected a JSON value';
}

function trailingCommaBefore(text: string, offset: number): number | undefined {
  const closing = text[offset];
  if (closing !== '}' && closing !== ']') return undefined;
  const commaOffset = previousSignificantOffset(text, offset);
  return commaOffset !== undefined && text[commaOffset] === ',' ? commaOffset : undefined;
}

function previousSignificantChar(text: string, offset: number): string | undefined {
  const index = previousSignificantOffset(text, offset);
  return index === undefined ? undefined : text[index];
}

function previousSignificantOffset(text: string, offset: number): number | undefined {
  for (let i = offset - 1; i >= 0; i--) {
    if (!/\s/.test(text[i] ?? '')) return i;
  }
  return undefined;
}

/**
 * Never more than a short escaped token: the file may not be a policy at all. In `KEY=secret` or
 * `key: secret` (a .env or credentials file) only the key is shown.
 */
function quote(token: string): string {
  const key = /^[^=:\s]+(?=[=:\s])/.exec(token)?.[0];
  return quoteToken(key ?? token, 24);
}
