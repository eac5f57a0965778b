import type { Message } from './message.js';
import type { DependsOn } from './notes.js';

/**
 * Advice that names a way in (a CLI option today) is not written below cli/ and report/: the layers that
 * analyse write a hint, a code with its parameters, into their text, and the front end that shows the
 * text renders each hint in its own words (report/cli-hints.ts for the CLI). A live scan, which has no
 * --principal, can render the same code differently.
 */
export type CliHintCode =
  | 'check-command'
  | 'trust-model-say-so'
  | 'trust-model-option'
  | 'profile-regions-option'
  | 'profile-regions-pass'
  | 'model-region'
  | 'reproduce-model-region'
  | 'reproduce-context'
  | 'reproduce-principal'
  | 'reproduce-scp-arn'
  | 'scp-not-given'
  | 'boundary-not-given'
  | 'session-policy-not-given'
  | 'vpce-policy-not-given'
  | 'matrix-report-command'
  | 'scan-snapshot-command'
  | 'depends-on'
  | 'guardrail-option'
  | 'service-tier-option'
  | 'finding-title'
  | 'vpc-endpoint-option'
  | 'via-aws-service-option'
  | 'profile-regions-override'
  | 'principal-option'
  | 'call-option'
  | 'api-key-kind-option'
  | 'trust-model-if-newer';

// A hint travels inside a string between two private-use characters, so that every field that holds
// text can carry one without a change of type or of the JSON schema.
const OPEN = '\u{E000}';
const CLOSE = '\u{E001}';
const SEPARATOR = '\u{E002}';

export function cliHint(code: CliHintCode, ...params: readonly string[]): string {
  return `${OPEN}${[code, ...params].join(SEPARATOR)}${CLOSE}`;
}

const HINT = new RegExp(`${OPEN}([^${CLOSE}]*)${CLOSE}`, 'gu');

/**
 * A `DependsOn` inside prose that is not yet data (a finding's text, a reproduction's reason): the front end
 * words it as it words the message itself.
 */
export function dependsOnHint(dependsOn: DependsOn): string {
  return cliHint('depends-on', JSON.stringify(dependsOn));
}

/** A finding's title inside prose that is not yet data (an IaC rule's message): the front end words it from the finding's message. */
export function findingTitleHint(finding: Message): string {
  return cliHint('finding-title', JSON.stringify(finding));
}

/** Replaces every hint in `text` with the words `render` gives for it. */
export function renderHintsIn(
  text: string,
  render: (code: CliHintCode, params: readonly string[]) => string | undefined,
): string {
  if (!text.includes(OPEN)) return text;
  return text.replace(HINT, (whole, body: string) => {
    const [code, ...params] = body.split(SEPARATOR);
    return render(code as CliHintCode, params) ?? whole;
  });
}
