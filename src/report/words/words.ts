import type { MessageParam, MessageParams } from '../../model/index.js';

/** The words for every code of one kind of message: a function of the message's parameters. */
export type Words<Code extends string> = Readonly<Record<Code, (params: MessageParams) => string>>;

/** A parameter as text (a list as its entries joined by ", "). */
export function text(param: MessageParam | undefined): string {
  if (param === undefined || param === null) return '';
  return Array.isArray(param) ? param.join(', ') : String(param);
}

export function list(param: MessageParam | undefined): readonly string[] {
  if (Array.isArray(param)) return param;
  return param === undefined || param === null ? [] : [String(param)];
}
