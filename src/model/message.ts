/**
 * What the analysing layers say is data: a code with its parameters. Only report/ (and a front end such
 * as the CLI) turns a message into words, so a live scan, an IaC check and `check` can each word the same
 * finding for their reader, and JSON consumers can match on the code instead of on prose.
 */
export interface Message<Code extends string = string> {
  readonly code: Code;
  readonly params: MessageParams;
}

export type MessageParam = string | number | boolean | readonly string[] | null;

export type MessageParams = Readonly<Record<string, MessageParam>>;

export function message<Code extends string>(code: Code, params: MessageParams = {}): Message<Code> {
  return { code, params };
}
