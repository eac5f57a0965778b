import type { Explanation } from '../diagnose/explain/explain.js';
import type { Reproduction } from './reproduce.js';

/**
 * - `explained`: the text was recognised and no policies were given;
 * - `reproduced`: policies were given and re-evaluating them yields exactly the message;
 * - `not-reproduced`: policies were given and they do not yield it (or the message is not one they can yield);
 * - `unrecognised`: no signature matched.
 */
type ExplainVerdict = 'explained' | 'reproduced' | 'not-reproduced' | 'unrecognised';

/** `policy-check explain --format json`, described by schemas/explain.schema.json. */
export interface ExplainReport {
  readonly schemaVersion: 1;
  readonly tool: { readonly name: 'policy-check'; readonly version: string };
  readonly verdict: ExplainVerdict;
  readonly explanation: Explanation;
  /** null when no policies were given. */
  readonly reproduction: Reproduction | null;
}

export function explainReport(
  explanation: Explanation,
  reproduction: Reproduction | null,
  toolVersion: string,
): ExplainReport {
  return {
    schemaVersion: 1,
    tool: { name: 'policy-check', version: toolVersion },
    verdict: verdictOf(explanation, reproduction),
    explanation,
    reproduction,
  };
}

function verdictOf(explanation: Explanation, reproduction: Reproduction | null): ExplainVerdict {
  if (explanation.status === 'unrecognised') return 'unrecognised';
  if (reproduction === null) return 'explained';
  return reproduction.status === 'reproduced' ? 'reproduced' : 'not-reproduced';
}
