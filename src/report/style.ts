/** ANSI styling, applied only when the caller decided color is wanted (a TTY without NO_COLOR). */
export interface Style {
  readonly red: (text: string) => string;
  readonly green: (text: string) => string;
  readonly yellow: (text: string) => string;
  readonly bold: (text: string) => string;
  readonly dim: (text: string) => string;
}

const wrap = (open: number, close: number) => (text: string) => `\u001b[${open}m${text}\u001b[${close}m`;

export const COLOR: Style = {
  red: wrap(31, 39),
  green: wrap(32, 39),
  yellow: wrap(33, 39),
  bold: wrap(1, 22),
  dim: wrap(2, 22),
};
const identity = (text: string) => text;
export const PLAIN: Style = { red: identity, green: identity, yellow: identity, bold: identity, dim: identity };
