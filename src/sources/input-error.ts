/** A problem with what the user gave, reported as one line naming the file and position; exit code 2. */
export class InputError extends Error {
  constructor(
    readonly file: string,
    readonly line: number | null,
    readonly column: number | null,
    readonly detail: string,
  ) {
    super(
      `${printableFileName(file)}${line !== null ? `:${line}${column !== null ? `:${column}` : ''}` : ''}: ${detail}`,
    );
    this.name = 'InputError';
  }
}

/** The path as given, or JSON-escaped when it holds a control character (the error must stay one line). */
function printableFileName(file: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: a control character is what must be escaped
  return /[\u0000-\u001f\u007f]/.test(file) ? JSON.stringify(file) : file;
}
