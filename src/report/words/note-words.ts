import { cliHint, formatInputIssue, type IssueSeverity, type MessageParam, type NoteCode } from '../../model/index.js';
import { guessOf } from './depends-on-words.js';
import { list, text, type Words } from './words.js';

/** The CLI's words for each note a report makes. */
export const NOTE_WORDS: Words<NoteCode> = {
  'direct-call': (p) =>
    `A direct call goes through no inference profile or prompt router: ${list(p.absent).join(' and ')} are absent.`,
  'profile-arn-key-undocumented': (p) =>
    `Whether AWS sets ${text(p.key)} on the request for the profile ARN itself is not documented; it is left to the caller.`,
  'global-profile-region-less': (p) =>
    `A global profile is authorized against the Region-less ARN ${text(p.arn)} with ${text(p.key)} = "${text(p.value)}", ` +
    'not against each destination Region (Bedrock User Guide, Global cross-Region inference).',
  'destinations-from-catalog': (p) =>
    `Destination Regions of ${text(p.profile)} from ${text(p.region)} are those of the catalog dated ` +
    `${text(p.catalogDate)}; ${cliHint('profile-regions-override')} overrides them.`,
  'destinations-given': (p) => `Destination Regions of ${text(p.profile)} are those given with --profile-regions.`,
  'destinations-listed': (p) => {
    const head =
      `Destination Regions of ${text(p.profile)} from ${text(p.region)} are those ${text(p.source)} listed ` +
      `(${list(p.listed).join(', ')}), not the catalog's`;
    const dated = `the catalog dated ${text(p.catalogDate)}`;
    if (p.catalogHasNone === true) return `${head}: ${dated} has none from ${text(p.region)}.`;
    const parts = [
      ...(list(p.added).length > 0 ? [`listed but not in the catalog: ${list(p.added).join(', ')}`] : []),
      ...(list(p.dropped).length > 0 ? [`in the catalog but not listed: ${list(p.dropped).join(', ')}`] : []),
    ];
    return parts.length === 0
      ? `${head}; ${dated} lists the same.`
      : `${head}; they differ from ${dated} (${parts.join('; ')}).`;
  },
  'geographic-profile-every-region': () =>
    'A geographic profile needs the foundation model allowed in the source Region and in every destination Region ' +
    '(Bedrock User Guide, Geographic cross-Region inference).',
  'routed-models-evaluated': (p) =>
    `The models a ${text(p.label)} routes to are evaluated too, each with ${text(p.key)} = its ARN; offline they are ` +
    'unknown unless given.',
  'marketplace-endpoint-resource': () =>
    'A Bedrock Marketplace endpoint is authorized against the resource arn:…:marketplace/model-endpoint/all-access ' +
    '(Service Authorization Reference); permissions on the SageMaker endpoint itself are not evaluated.',
  'custom-model-resource': () =>
    'The Service Authorization Reference does not list custom-model among the resource types of InvokeModel: a ' +
    'custom model is invoked through its custom model deployment or provisioned model ARN. The custom-model ARN is ' +
    'checked as given.',
  'own-arn-only': (p) =>
    `Assumed: a ${text(p.label)} is authorized against its own ARN only, not against the model behind it.`,
  'expansion-warning': (p) => text(p.text),
  'input-warning': (p) =>
    formatInputIssue({
      severity: p.severity as IssueSeverity,
      file: text(p.file),
      line: Number(p.line),
      column: Number(p.column),
      message: text(p.message),
      code: text(p.code),
    }),
  'context-override': (p) =>
    `--context ${text(p.key)} replaces the value AWS sets per request for every request, including the destination ` +
    'Regions of a profile',
  'denial-depends-on-guess': (p) => {
    const guess = guessOf(p.on);
    return `${text(p.action)} on ${text(p.resource)}: denied whatever ${guess.subject}, but which error AWS returns depends on it; ${guess.advice}`;
  },
  'statement-undecided': (p) =>
    `${p.file === undefined ? text(p.policy) : `${text(p.file)}:${text(p.line)}`}: ${text(p.reason)}`,
  'service-linked-role-scps-ignored': () =>
    'the caller is a service-linked role: SCPs do not restrict it, so the SCPs given were not applied',
  'session-policies-ignored': (p) =>
    `session policies apply only to sessions; the caller (${text(p.kind)}) is not one, so they were not applied`,
  'federated-user-without-session-policy': () =>
    'a federated user (GetFederationToken) has only the permissions its session policies grant; none were given ' +
    '(--session-policy), so it has none',
  'root-user': (p) =>
    'the caller is the account root user: it has full access unless an SCP denies it' +
    (p.policiesIgnored === true
      ? '; identity-based policies and permissions boundaries cannot be attached to it, so those given were not applied'
      : ''),
  'identity-policies-left-out': () =>
    'identity policies none of whose statements can match a Bedrock or AWS Marketplace action are left out of each ' +
    'cell: they cannot change its result',
  'iac-no-principals': () =>
    'the repository declares no IAM user or role that policy-check reads: no access was evaluated',
  'diff-catalog-dates': (p) =>
    `OLD used the Bedrock model catalog dated ${text(p.old)}, NEW the one dated ${text(p.new)}: model and Region ` +
    'changes may come from the catalog, not the policies',
  'diff-tool-versions': (p) =>
    `OLD was made by policy-check ${text(p.old)}, NEW by ${text(p.new)}: a change in the analysis can change verdicts too`,
  'diff-extract-dates': (p) =>
    `OLD used the AWS managed policy extract dated ${text(p.old)}, NEW the one dated ${text(p.new)}: changes in AWS ` +
    'managed policies may come from the extract, not the account',
  'model-access-other-region': (p) =>
    `the account's Bedrock ${list(p.parts).join(' and ')} ${list(p.parts).length > 1 ? 'were' : 'was'} read in ` +
    `${text(p.readIn)}, not ${text(p.region)}: not applied, the catalog alone decides`,
  'model-access-read': (p) =>
    `model access to ${text(p.model)} in ${text(p.region)} (GetFoundationModelAvailability): ` +
    `agreementAvailability ${text(p.agreement)}, authorizationStatus ${text(p.authorization)}, ` +
    `entitlementAvailability ${text(p.entitlement)}, regionAvailability ${text(p.regionAvailability)}`,
  'operation-authorized-as': (p) =>
    `${text(p.operation)} has no IAM action of its own: it is authorized as ${text(p.action)} (Bedrock API Reference)` +
    (p.apiKeyUsable === false
      ? '; Bedrock API keys cannot be used with it (Bedrock User Guide, API keys reference).'
      : '.'),
  'service-tier-set': (p) =>
    `The ${list(p.actions).join(' and ')} requests carry ${text(p.key)} = "${text(p.tier)}" (${cliHint('call-option', 'serviceTier')}).`,
  'vpc-endpoint-route': (p) =>
    `every call goes through the interface VPC endpoint ${text(p.endpoint)}` +
    (p.vpc ? ` (${text(p.vpc)})` : '') +
    (p.defaultPolicy === true
      ? ', whose default policy allows full access'
      : ': its policy is the last gate, and aws:SourceVpce / aws:SourceVpc are set'),
  'vpc-endpoints-checked': (p) =>
    `each allowed cell was also checked through the ${text(String(p.count))} bedrock-runtime VPC endpoint(s) of its ` +
    'account that have a policy: which callers use which endpoint is not known, so a denial there is a warning ' +
    `(${cliHint('vpc-endpoint-option')} evaluates every call through one)`,
  'vpc-endpoints-checked-call': (p) =>
    `the call was also checked through the ${text(String(p.count))} bedrock-runtime VPC endpoint(s) of the ` +
    "principal's account that have a policy (from the snapshot): which endpoint the caller's traffic takes is not " +
    'known, so a denial there is a warning (--vpce-policy FILE evaluates the call through one endpoint policy)',
  'live-no-organization': (p) => `account ${text(p.account)} is not in an organization: no SCPs apply`,
  'live-management-account': (p) =>
    `account ${text(p.account)} is the organization's management account: SCPs do not apply to it, so none were read`,
  'org-account-inactive': (p) =>
    `account ${text(p.account)} was not scanned: Organizations reports it ${text(p.state)}, not ACTIVE`,
  'org-account-unscanned': (p) =>
    `account ${text(p.account)} was not scanned: ${text(p.api)} failed (${text(p.error)})`,
  'org-shards-missing': (p) =>
    `organization ${text(p.organization)}: shard${list(p.missing).length === 1 ? '' : 's'} ${list(p.missing).join(', ')} ` +
    `of ${text(p.count)} saved no record in the snapshot directories given: their accounts are not in this matrix`,
  'org-accounts-missing': (p) =>
    `organization ${text(p.organization)}: ${list(p.accounts).length} account${list(p.accounts).length === 1 ? '' : 's'} ` +
    `a shard was asked to read ${list(p.accounts).length === 1 ? 'has' : 'have'} no snapshot here: ${list(p.accounts).join(', ')}`,
  'diff-assumed-only': (p) => `only ${text(p.side)} assumed: ${text(p.assumption)}`,
  'diff-call-option': (p) =>
    `OLD and NEW were made with different call options: ${CALL_OPTION_WORDS[text(p.option)]?.name ?? text(p.option)} ` +
    `${callOptionWord(p.option, p.old)} → ${callOptionWord(p.option, p.new)}; the cells compare differently made calls, ` +
    'so a change may come from the call, not the policies',
  'diff-only-in': (p) =>
    `${p.dimension === 'model' ? 'models' : 'Regions'} only in ${text(p.side)} (their cells are ` +
    `${p.side === 'OLD' ? 'removed' : 'added'} rows): ${list(p.values).join(', ')}`,
  'guardrail-identifier-unknown': (p) =>
    `the call names the guardrail ${text(p.guardrail)} ${p.version === '' ? 'without a version' : `at version ${text(p.version)}`}: ` +
    'the value of bedrock:GuardrailIdentifier is documented only for a numeric version (ARN:VERSION), so policies ' +
    'that test it are left undecided',
  'api-key-mantle-only': (p) =>
    `${text(p.file)}:${text(p.line)} denies bedrock-mantle:CallWithBearerToken but not bedrock:CallWithBearerToken: ` +
    'it blocks API keys on the bedrock-mantle endpoint only, not the bedrock-runtime calls checked here; deny both to block every API key',
};

/** Each call option's name in a diff note, and its words when it was not given. */
const CALL_OPTION_WORDS: Readonly<Record<string, { readonly name: string; readonly absent: string }>> = {
  auth: { name: `authentication (${cliHint('call-option', 'auth')})`, absent: 'sigv4' },
  guardrail: { name: `guardrail (${cliHint('call-option', 'guardrail')})`, absent: '(none)' },
  serviceTier: { name: `service tier (${cliHint('call-option', 'serviceTier')})`, absent: '(none)' },
  operations: { name: `operations (${cliHint('call-option', 'operations')})`, absent: '(none)' },
};

function callOptionWord(option: MessageParam | undefined, value: MessageParam | undefined): string {
  return value === null || value === undefined ? (CALL_OPTION_WORDS[text(option)]?.absent ?? '(none)') : text(value);
}
