/** A problem with what the user gave, reported as one line naming the file and position; exit code 2. */
export class InputError extends Error {
  constructor(
    readonly file: string,
    readonly line: number | null,
    readonly column: number | null,
    readonly detail: string,
  ) {
    super(`${file}${line !== null ? `:${line}${column !== null ? `:${column}` : ''}` : ''}: ${detail}`);
    this.name = 'InputError';
  }
}
