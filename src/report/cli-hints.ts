import { renderHintsIn, type CliHintCode } from '../model/index.js';

/** The CLI's words for each hint the analysis writes (see model/cli-hint.ts). */
const CLI_WORDS: Readonly<Record<CliHintCode, (params: readonly string[]) => string>> = {
  'check-command': () => '`policy-check check FILES --model ID`',
  'principal-unknown': () => 'pass --principal',
  'principal-placeholder': () => 'no --principal given',
  'principal-role-path': () => '(pass the role ARN as --principal, or --context aws:PrincipalArn=…)',
  'trust-model': () => '(pass --trust-model if it is newer than the catalog)',
  'trust-model-say-so': () => 'pass --trust-model to say so',
  'trust-model-option': () => '--trust-model',
  'profile-regions-option': () => '--profile-regions',
  'profile-regions-pass': () => 'pass --profile-regions',
  'model-region': ([model, region]) => `--model ${model} --region ${region}`,
  'reproduce-model-region': () =>
    "; pass --model with the model id the call used, and --region with the caller's Region",
  'reproduce-context': () => 'pass --context KEY=VALUE, or --assume-absent',
  'reproduce-principal': () => 'so pass --principal to compare the text',
  'reproduce-scp-arn': () => "(an SCP's ARN can be given in --scp-levels)",
  'scp-not-given': () => '; no SCPs were given (--scp, --scp-levels)',
  'boundary-not-given': () => '; no permissions boundary was given (--boundary)',
  'session-policy-not-given': () => '; no session policy was given (--session-policy)',
  'session-policy-option': () => ' (--session-policy)',
  'context-override': ([key]) => `--context ${key}`,
  'via-aws-service': () => 'pass --context aws:ViaAWSService=true',
  'scp-files': () => 'the --scp files',
  'scp-levels-exact': () => 'pass --scp-levels for the exact chain',
  'matrix-report-command': () => 'policy-check scan --format json',
  'scan-snapshot-command': ([file]) => `\`policy-check scan --snapshot ${file} --format json\``,
};

/** `value` with every hint in its strings rendered in the CLI's words; plain data in, plain data out. */
export function renderCliHints<T>(value: T): T {
  return render(value) as T;
}

// Copies only what holds a hint, so that objects the formatters compare by identity stay the same.
function render(value: unknown): unknown {
  if (typeof value === 'string') return renderHintsIn(value, (code, params) => CLI_WORDS[code]?.(params));
  if (Array.isArray(value)) {
    const rendered = value.map(render);
    return rendered.some((entry, index) => entry !== value[index]) ? rendered : value;
  }
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const entries = Object.entries(value);
    const rendered = entries.map(([key, entry]) => [key, render(entry)] as const);
    return rendered.some(([, entry], index) => entry !== entries[index]![1]) ? Object.fromEntries(rendered) : value;
  }
  return value;
}
