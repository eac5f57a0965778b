import { renderHintsIn, type CliHintCode, type FindingCode, type Message } from '../model/index.js';
import { FINDING_WORDS } from './words/finding-words.js';
import { wordsOf, type Worded } from './words/message-words.js';
import { wordedFindingOrFix } from './words/worded-findings.js';

/** The CLI's words for each hint the analysis writes (see model/cli-hint.ts). */
const CLI_WORDS: HintWords = {
  'check-command': () => '`policy-check check FILES --model ID`',
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
  'vpce-policy-not-given': () => '; no VPC endpoint policy was given (--vpce-policy)',
  'matrix-report-command': () => 'policy-check scan --format json',
  'scan-snapshot-command': ([file]) => `\`policy-check scan --snapshot ${file} --format json\``,
  'depends-on': ([json]) => wordsOf(JSON.parse(json ?? 'null')) ?? '',
  'guardrail-option': ([guardrail]) => `pass --guardrail ${guardrail}`,
  'service-tier-option': () => '--service-tier TIER',
  // Only a scan takes an endpoint of its accounts; one principal's check takes the endpoint's policy (--vpce-policy).
  'vpc-endpoint-option': () => '`policy-check scan --vpc-endpoint ID`',
  'via-aws-service-option': () => 'pass --context aws:ViaAWSService=true',
  'profile-regions-override': () => '--profile-regions',
  'finding-title': ([json]) => {
    const finding = JSON.parse(json ?? 'null') as Message<FindingCode> | null;
    return finding && Object.hasOwn(FINDING_WORDS, finding.code)
      ? FINDING_WORDS[finding.code](finding.params).title
      : '';
  },
  'principal-option': () => 'pass --principal',
  'call-option': ([option]) => CALL_OPTION_FLAGS[option ?? ''] ?? '',
  'api-key-kind-option': () => 'pass --auth api-key=short-term or api-key=long-term',
  'trust-model-if-newer': () => 'pass --trust-model if it is newer than the catalog',
};

type HintWords = Readonly<Record<CliHintCode, (params: readonly string[]) => string>>;

/** The option that sets each call option a diff compares (analysis/diff-call-options.ts), as check and scan take it. */
const CALL_OPTION_FLAGS: Readonly<Record<string, string>> = {
  auth: '--auth',
  guardrail: '--guardrail',
  serviceTier: '--service-tier',
  operations: '--action',
};

/** What `policy-check explain` says instead: it takes no --action (the error names the operation). */
const EXPLAIN_WORDS: HintWords = {
  ...CLI_WORDS,
  'call-option': ([option]) =>
    option === 'operations' ? '`policy-check check --action`' : CLI_WORDS['call-option']([option ?? '']),
};

/**
 * Only `policy-check explain` reproduces an error from the policies (analysis/reproduce.ts, run by run-explain alone),
 * so only it writes these: the other commands name it.
 */
const EXPLAIN_REPRODUCTION = {
  'reproduce-model-region': () =>
    "; pass `policy-check explain` --model with the model id the call used, and --region with the caller's Region",
  'reproduce-context': () => 'pass `policy-check explain` --context KEY=VALUE, or --assume-absent',
  'reproduce-principal': () => 'so pass `policy-check explain` --principal to compare the text',
  'reproduce-scp-arn': () => "(an SCP's ARN can be given in `policy-check explain --scp-levels`)",
  'scp-not-given': () => '; no SCPs were given (`policy-check explain --scp`, --scp-levels)',
  'boundary-not-given': () => '; no permissions boundary was given (`policy-check explain --boundary`)',
  'session-policy-not-given': () => '; no session policy was given (`policy-check explain --session-policy`)',
  'vpce-policy-not-given': () => '; no VPC endpoint policy was given (`policy-check explain --vpce-policy`)',
} satisfies Partial<HintWords>;

/** One principal of a snapshot, checked alone: what sets a choice no option of `scan` or `diff` sets. */
const ONE_PRINCIPAL = 'policy-check check --snapshot FILE --principal ARN';

/**
 * What `policy-check scan` says instead: it reads every principal and its boundary from the snapshots, names models
 * with --models, and has no --principal, --profile-regions or --session-policy.
 */
const SCAN_WORDS: HintWords = {
  ...CLI_WORDS,
  ...EXPLAIN_REPRODUCTION,
  'profile-regions-option': () => `\`${ONE_PRINCIPAL} --profile-regions R1,R2,…\``,
  'profile-regions-pass': () => `check one principal with \`${ONE_PRINCIPAL} --profile-regions R1,R2,…\``,
  'profile-regions-override': () => `\`${ONE_PRINCIPAL} --profile-regions R1,R2,…\``,
  'model-region': ([model, region]) => `--models ${model} --region ${region}`,
  'principal-option': () => `check one principal with \`${ONE_PRINCIPAL}\``,
  'vpc-endpoint-option': () => '--vpc-endpoint ID',
};

/**
 * What `policy-check diff` says: it scans two snapshots as `scan` does (OLD and NEW may be snapshots), but the call
 * options that shape a scan (--guardrail, --service-tier, --vpc-endpoint) are not its own: they name `scan`.
 */
const DIFF_WORDS: HintWords = {
  ...SCAN_WORDS,
  'guardrail-option': ([guardrail]) => `scan with \`policy-check scan --guardrail ${guardrail}\``,
  'service-tier-option': () => '`policy-check scan --service-tier TIER`',
  'vpc-endpoint-option': () => '`policy-check scan --vpc-endpoint ID`',
  // The matrix reports it compares were made by scan, which took these; only --auth is diff's own too.
  'call-option': ([option]) =>
    option === 'auth' ? '--auth' : `\`policy-check scan ${CALL_OPTION_FLAGS[option ?? ''] ?? ''}\``,
};

/** What `policy-check iac` says instead: it reads its choices from .policy-check.yml, not from flags. */
const IAC_WORDS: HintWords = {
  ...CLI_WORDS,
  ...EXPLAIN_REPRODUCTION,
  'vpc-endpoint-option': () => '`vpcEndpoint: ID` in .policy-check.yml',
  'guardrail-option': ([guardrail]) => `set \`guardrail: ${guardrail}\` in .policy-check.yml`,
  'service-tier-option': () => '`serviceTier: TIER` in .policy-check.yml',
  'model-region': ([model, region]) => `--models ${model} --region ${region}`,
  // No key of the configuration sets these: one principal's check does.
  'via-aws-service-option': () => 'check one principal with `policy-check check --context aws:ViaAWSService=true`',
  'profile-regions-override': () => '`policy-check check --profile-regions`',
  'profile-regions-option': () => '`policy-check check --profile-regions R1,R2,…`',
  'profile-regions-pass': () => 'check one principal with `policy-check check --profile-regions R1,R2,…`',
  'trust-model-say-so': () => 'check one principal with `policy-check check --trust-model` to say so',
  'trust-model-option': () => '`policy-check check --trust-model`',
  'principal-option': () => 'check one principal with `policy-check check --principal ARN`',
  'api-key-kind-option': () => 'set `auth: api-key=short-term` or `auth: api-key=long-term` in .policy-check.yml',
  'trust-model-if-newer': () =>
    'if it is newer than the catalog, check one principal with `policy-check check --trust-model` to say so',
  // .policy-check.yml names each call option as the diff does; it sets no operations.
  'call-option': ([option]) =>
    option === 'operations' ? '`policy-check scan --action`' : `\`${option ?? ''}:\` in .policy-check.yml`,
};

const renderCli = renderer(CLI_WORDS);
const renderExplain = renderer(EXPLAIN_WORDS);
const renderScan = renderer(SCAN_WORDS);
const renderDiff = renderer(DIFF_WORDS);
const renderIac = renderer(IAC_WORDS);

/** Every hint code (the type makes the CLI's words name each). */
export const HINT_CODES = Object.keys(CLI_WORDS) as readonly CliHintCode[];

/**
 * `value` in the CLI's words: every report message (assumption, note, unresolved entry, what a denial depends
 * on; report/words/), every finding and fix that is data, and every hint in its strings. Plain data in, plain data out.
 */
export function renderCliHints<T>(value: T): Worded<T> {
  return renderCli(value) as Worded<T>;
}

/** `renderCliHints` in the words of `policy-check explain`. */
export function renderExplainHints<T>(value: T): Worded<T> {
  return renderExplain(value) as Worded<T>;
}

/** `renderCliHints` in the words of `policy-check iac`, where a hint names its configuration file. */
export function renderIacHints<T>(value: T): Worded<T> {
  return renderIac(value) as Worded<T>;
}

/** `renderCliHints` in the words of `policy-check scan`, which has no --principal: a hint names its own options. */
export function renderScanHints<T>(value: T): Worded<T> {
  return renderScan(value) as Worded<T>;
}

/** `renderCliHints` in the words of `policy-check diff`. */
export function renderDiffHints<T>(value: T): Worded<T> {
  return renderDiff(value) as Worded<T>;
}

/** Each command's renderer: the words its reports give every hint. */
export const HINT_RENDERERS: Readonly<
  Record<'check' | 'explain' | 'scan' | 'diff' | 'iac', <T>(value: T) => Worded<T>>
> = {
  check: renderCliHints,
  explain: renderExplainHints,
  scan: renderScanHints,
  diff: renderDiffHints,
  iac: renderIacHints,
};

/** A renderer that words each hint from `hintWords`. */
function renderer(hintWords: HintWords): (value: unknown) => unknown {
  // A hint's words may hold hints in turn (what a denial depends on, in its own words): those are worded too.
  const renderHints = (text: string): string =>
    renderHintsIn(text, (code, params) => {
      const words = hintWords[code]?.(params);
      return words === undefined ? undefined : renderHints(words);
    });
  // Copies only what holds a hint or a message, so that objects the formatters compare by identity stay the same.
  // Written as plain loops that allocate only for what changes: a matrix report holds hundreds of thousands of objects.
  const render = (value: unknown): unknown => {
    if (typeof value === 'string') return renderHints(value);
    if (value === null || typeof value !== 'object') return value;
    // A parameter may still hold prose with a hint (an expansion's text): its words are rendered in turn.
    const words = wordsOf(value);
    if (words !== undefined) return renderHints(words);
    if (Array.isArray(value)) {
      let rendered: unknown[] | undefined;
      for (let index = 0; index < value.length; index++) {
        const entry = render(value[index]);
        if (rendered === undefined && entry !== value[index]) rendered = value.slice(0, index);
        rendered?.push(entry);
      }
      return rendered ?? value;
    }
    if (Object.getPrototypeOf(value) === Object.prototype) {
      const finding = wordedFindingOrFix(value as Readonly<Record<string, unknown>>, render);
      if (finding) return finding;
      const keys = Object.keys(value);
      const source = value as Record<string, unknown>;
      let changed: unknown[] | undefined;
      for (let index = 0; index < keys.length; index++) {
        const entry = source[keys[index]!];
        const rendered = render(entry);
        if (changed === undefined && rendered !== entry) changed = keys.slice(0, index).map((key) => source[key]);
        changed?.push(rendered);
      }
      if (changed === undefined) return value;
      return Object.fromEntries(keys.map((key, index) => [key, changed[index]]));
    }
    return value;
  };
  return render;
}
