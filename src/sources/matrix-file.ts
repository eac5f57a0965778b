import type { DiffableMatrix } from '../model/index.js';
import { parseMatrixReport } from '../parse/index.js';
import { inputLabel, readInputFile } from './policy-files.js';
import { InputError } from './input-error.js';

/** A matrix JSON report (`policy-check scan --format json`) from a file or standard input ("-"). */
export function loadMatrixReport(file: string): DiffableMatrix {
  const label = inputLabel(file);
  const parsed = parseMatrixReport(readInputFile(file), label);
  const error = parsed.issues.find((issue) => issue.severity === 'error');
  if (error) throw new InputError(error.file, error.line, error.column, error.message);
  if (!parsed.matrix) throw new InputError(label, null, null, 'could not be read as a matrix report');
  return parsed.matrix;
}
