// The synthetic account of the benchmark: models from the shipped catalog, principals with 1–4
// identity policies drawn from bench/templates.mjs, and a 3-level SCP chain — all parsed from JSON
// text with the library's parsePolicyDocument.
import { performance } from 'node:perf_hooks';
import { ACCOUNT, CORP_CIDRS, INLINE_TEMPLATES, MANAGED_TEMPLATES, TEAMS } from './templates.mjs';
import { makeRng } from './stats.mjs';

export { ACCOUNT };

/** Preferred benchmark models; a missing one is replaced by another of its kind from the catalog. */
const PREFERRED_MODELS = {
  'foundation-model': [
    'amazon.nova-lite-v1:0',
    'amazon.nova-pro-v1:0',
    'amazon.titan-embed-text-v2:0',
    'cohere.embed-english-v3',
    'meta.llama3-70b-instruct-v1:0',
    'mistral.mistral-large-2402-v1:0',
    'openai.gpt-oss-120b-1:0',
    'deepseek.v3.2',
  ],
  us: [
    'us.anthropic.claude-sonnet-4-5-20250929-v1:0',
    'us.anthropic.claude-haiku-4-5-20251001-v1:0',
    'us.anthropic.claude-opus-4-5-20251101-v1:0',
    'us.amazon.nova-pro-v1:0',
    'us.meta.llama3-3-70b-instruct-v1:0',
    'us.deepseek.r1-v1:0',
  ],
  eu: [
    'eu.anthropic.claude-sonnet-4-5-20250929-v1:0',
    'eu.anthropic.claude-haiku-4-5-20251001-v1:0',
    'eu.amazon.nova-pro-v1:0',
  ],
  global: [
    'global.anthropic.claude-sonnet-4-5-20250929-v1:0',
    'global.anthropic.claude-haiku-4-5-20251001-v1:0',
    'global.amazon.nova-2-lite-v1:0',
  ],
};

const HOME_REGIONS = [
  { region: 'us-east-1', weight: 50 },
  { region: 'us-west-2', weight: 20 },
  { region: 'eu-west-1', weight: 15 },
  { region: 'eu-central-1', weight: 15 },
];
const DEFAULT_SOURCE = { us: 'us-east-1', eu: 'eu-central-1', global: 'us-east-1' };

/** The 20 models: descriptors that know the Region each principal calls them from. */
export function selectModels(catalog) {
  const models = [];
  const onDemandIn = (m, region) => (m.regions.get(region) ?? []).includes('ON_DEMAND');
  const usableProfile = (p) => p && p.status === 'ACTIVE' && [...p.sourceRegions.values()].some((d) => d !== null);

  const foundation = PREFERRED_MODELS['foundation-model']
    .map((id) => catalog.model(id))
    .filter((m) => m && m.lifecycle === 'ACTIVE' && onDemandIn(m, 'us-east-1'));
  for (const m of catalog.models) {
    if (foundation.length >= 8) break;
    if (m.lifecycle === 'ACTIVE' && onDemandIn(m, 'us-east-1') && !foundation.includes(m)) foundation.push(m);
  }
  for (const m of foundation) {
    const region = (home) =>
      onDemandIn(m, home)
        ? home
        : onDemandIn(m, 'us-east-1')
          ? 'us-east-1'
          : [...m.regions.keys()].find((r) => onDemandIn(m, r));
    models.push({ id: m.modelId, kind: 'foundation-model', scope: null, modelId: m.modelId, regionFor: region });
  }

  for (const [scope, count] of [
    ['us', 6],
    ['eu', 3],
    ['global', 3],
  ]) {
    const chosen = PREFERRED_MODELS[scope].map((id) => catalog.profile(id)).filter(usableProfile);
    for (const p of catalog.profiles) {
      if (chosen.length >= count) break;
      if (p.scope === scope && usableProfile(p) && !chosen.includes(p)) chosen.push(p);
    }
    for (const p of chosen.slice(0, count)) {
      const sourceFor = (home) => {
        if (p.sourceRegions.get(home)) return home;
        if (p.sourceRegions.get(DEFAULT_SOURCE[scope])) return DEFAULT_SOURCE[scope];
        return [...p.sourceRegions.entries()].find(([, d]) => d !== null)[0];
      };
      models.push({
        id: p.id,
        kind: 'inference-profile',
        scope,
        modelId: p.modelId,
        regionFor: sourceFor,
        sourceFor,
        destinations: (source) => p.sourceRegions.get(source) ?? [],
      });
    }
  }
  return models;
}

/** AWS's FullAWSAccess, and the recommended Region-deny SCP with its NotAction list of global services. */
function scpDocuments() {
  const fullAccess = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };
  const regionDeny = {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'DenyAllOutsideApprovedRegions',
        Effect: 'Deny',
        NotAction: [
          'a4b:*',
          'access-analyzer:*',
          'account:*',
          'acm:*',
          'aws-marketplace-management:*',
          'aws-marketplace:*',
          'aws-portal:*',
          'budgets:*',
          'ce:*',
          'chime:*',
          'cloudfront:*',
          'config:*',
          'cur:*',
          'directconnect:*',
          'ec2:DescribeRegions',
          'ec2:DescribeTransitGateways',
          'ec2:DescribeVpnGateways',
          'fms:*',
          'globalaccelerator:*',
          'health:*',
          'iam:*',
          'importexport:*',
          'kms:*',
          'mobileanalytics:*',
          'networkmanager:*',
          'organizations:*',
          'pricing:*',
          'route53:*',
          'route53domains:*',
          'route53-recovery-cluster:*',
          'route53-recovery-control-config:*',
          'route53-recovery-readiness:*',
          's3:GetAccountPublic*',
          's3:ListAllMyBuckets',
          's3:ListMultiRegionAccessPoints',
          's3:PutAccountPublic*',
          'shield:*',
          'sts:*',
          'support:*',
          'trustedadvisor:*',
          'waf-regional:*',
          'waf:*',
          'wafv2:*',
          'wellarchitected:*',
        ],
        Resource: '*',
        Condition: {
          StringNotEquals: {
            'aws:RequestedRegion': [
              'us-east-1',
              'us-east-2',
              'us-west-2',
              'eu-west-1',
              'eu-central-1',
              'eu-west-3',
              'eu-north-1',
              'unspecified',
            ],
          },
          ArnNotLike: {
            'aws:PrincipalArn': [
              'arn:aws:iam::*:role/OrganizationAdmin',
              'arn:aws:iam::*:role/platform/breakglass-*',
              'arn:aws:iam::*:role/aws-reserved/sso.amazonaws.com/*AWSReservedSSO_AdministratorAccess_*',
            ],
          },
        },
      },
    ],
  };
  const bedrockGuardrails = {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'DenyDeepSeek',
        Effect: 'Deny',
        Action: ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'],
        Resource: [
          'arn:aws:bedrock:*::foundation-model/deepseek.*',
          'arn:aws:bedrock:*:*:inference-profile/*.deepseek.*',
        ],
      },
      {
        Sid: 'RequireCostCenterTag',
        Effect: 'Deny',
        Action: 'bedrock:InvokeModel*',
        Resource: '*',
        Condition: {
          Null: { 'aws:PrincipalTag/CostCenter': 'true' },
          ArnNotLike: { 'aws:PrincipalArn': ['arn:aws:iam::*:role/platform/breakglass-*'] },
        },
      },
      {
        Sid: 'NoModelCustomization',
        Effect: 'Deny',
        Action: ['bedrock:CreateModelCustomizationJob', 'bedrock:CreateProvisionedModelThroughput'],
        Resource: '*',
      },
    ],
  };
  return { fullAccess, regionDeny, bedrockGuardrails };
}

function principalFor(rng, index) {
  const team = rng.pick(TEAMS);
  const home = rng.weighted(HOME_REGIONS.map((h) => ({ ...h }))).region;
  const x = rng.next();
  let arn;
  let kind;
  let roleArn;
  if (x < 0.015) {
    kind = 'breakglass';
    arn = `arn:aws:iam::${ACCOUNT}:role/platform/breakglass-${index}`;
  } else if (x < 0.02) {
    kind = 'service-linked';
    arn = `arn:aws:iam::${ACCOUNT}:role/aws-service-role/bedrock.amazonaws.com/AWSServiceRoleForAmazonBedrock_${index}`;
  } else if (x < 0.64) {
    kind = 'role';
    arn = `arn:aws:iam::${ACCOUNT}:role/teams/${team}/${rng.pick(['api', 'worker', 'batch', 'notebook', 'etl'])}-${index}`;
  } else if (x < 0.84) {
    kind = 'user';
    arn = `arn:aws:iam::${ACCOUNT}:user/${team}/person-${index}`;
  } else {
    kind = 'sso-session';
    const permissionSet = rng.chance(0.05)
      ? 'AdministratorAccess'
      : `${team[0].toUpperCase()}${team.slice(1)}Developer`;
    const role = `AWSReservedSSO_${permissionSet}_${((index * 2654435761) >>> 0).toString(16)}`;
    arn = `arn:aws:sts::${ACCOUNT}:assumed-role/${role}/person-${index}@example.com`;
    // IAM Identity Center keeps its roles on this path, which the session ARN does not show
    // (https://docs.aws.amazon.com/singlesignon/latest/userguide/using-service-linked-roles.html).
    roleArn = `arn:aws:iam::${ACCOUNT}:role/aws-reserved/sso.amazonaws.com/${role}`;
  }
  const costCenter = `cc-${String(1000 + (index % 97)).padStart(4, '0')}`;
  // What the caller passes as --context: principal tags and the source IP when known.
  const context = {};
  const tags = rng.next();
  if (tags < 0.75) {
    context['aws:PrincipalTag/team'] = [team];
    context['aws:PrincipalTag/CostCenter'] = [costCenter];
  } else if (tags < 0.85) {
    context['aws:PrincipalTag/team'] = [team];
  }
  if (rng.chance(0.5)) {
    context['aws:SourceIp'] = [
      rng.chance(0.85) ? `203.0.113.${rng.int(1, 254)}` : `192.168.${rng.int(0, 255)}.${rng.int(1, 254)}`,
    ];
  }
  return { index, arn, roleArn, kind, team, home, costCenter, context, assumeAbsent: rng.chance(0.2) };
}

/**
 * Builds and parses the account. `lib` is the built library (dist/lib/index.js).
 * Returns the principals (with parsed Principal and Policy objects), the SCP levels and parse statistics.
 */
export function buildAccount(lib, catalog, { principals: count = 10_000, seed = 20240613 } = {}) {
  const rng = makeRng(seed);
  const models = selectModels(catalog);
  const parse = { documents: 0, bytes: 0, ms: 0, warnings: 0, warningCodes: {}, managed: 0, inline: 0, scp: 0 };
  const parseText = (text, file, meta) => {
    const t0 = performance.now();
    const result = lib.parsePolicyDocument(text, file, meta);
    parse.ms += performance.now() - t0;
    parse.documents++;
    parse.bytes += Buffer.byteLength(text);
    if (!result.policy) {
      const errors = result.issues
        .map((i) => `${i.file}:${i.line}:${i.column} ${i.code ?? ''} ${i.message}`)
        .join('\n  ');
      throw new Error(`bench: ${file} does not parse:\n  ${errors}`);
    }
    parse.warnings += result.issues.length;
    for (const issue of result.issues) parse.warningCodes[issue.code] = (parse.warningCodes[issue.code] ?? 0) + 1;
    return result.policy;
  };

  const scp = scpDocuments();
  const scpPolicy = (name, document) => {
    parse.scp++;
    return parseText(JSON.stringify(document, null, 2), `scps/${name}.json`, {
      type: 'scp',
      name,
      arn: `arn:aws:organizations::999988887777:policy/o-exampleorg/service_control_policy/p-${name.toLowerCase()}`,
    });
  };
  const fullAccess = scpPolicy('FullAWSAccess', scp.fullAccess);
  const scpLevels = [
    { name: 'Root', policies: [fullAccess] },
    { name: 'ou-workloads', policies: [fullAccess, scpPolicy('DenyAllOutsideApprovedRegions', scp.regionDeny)] },
    { name: `Account ${ACCOUNT}`, policies: [fullAccess, scpPolicy('BedrockGuardrails', scp.bedrockGuardrails)] },
  ];

  const managed = new Map();
  for (const template of MANAGED_TEMPLATES) {
    const arn = template.aws
      ? `arn:aws:iam::aws:policy/${template.name}`
      : `arn:aws:iam::${ACCOUNT}:policy/${template.name}`;
    parse.managed++;
    managed.set(
      template.name,
      parseText(JSON.stringify(template.build(), null, 2), `managed/${template.name}.json`, {
        type: 'identity',
        name: template.name,
        arn,
      }),
    );
  }

  const templates = [
    ...MANAGED_TEMPLATES.map((t) => ({ ...t, managed: true })),
    ...INLINE_TEMPLATES.map((t) => ({ ...t, managed: false })),
  ];
  const principals = [];
  let attachments = 0;
  for (let index = 0; index < count; index++) {
    const p = principalFor(rng, index);
    const principal = lib.parsePrincipal(p.arn);
    if (!principal) throw new Error(`bench: principal ${p.arn} does not parse`);
    // The caller as AWS sees it: for a session, aws:PrincipalArn is its role's ARN, path included. The
    // engine pass evaluates with it; check() is given only p.arn, as a user would give it.
    const awsPrincipal = p.roleArn ? { ...lib.parsePrincipal(p.roleArn), displayArn: p.arn } : principal;
    const userKind = principal.kind === 'user' ? 'user' : 'other';
    const n =
      p.kind === 'breakglass'
        ? 1
        : rng.weighted([
            { n: 1, weight: 25 },
            { n: 2, weight: 35 },
            { n: 3, weight: 25 },
            { n: 4, weight: 15 },
          ]).n;
    const chosen = p.kind === 'breakglass' ? [templates.find((t) => t.name === 'AdministratorAccess')] : [];
    while (chosen.length < n) {
      const pool = templates.filter(
        (t) => (t.only === undefined || t.only === userKind) && !chosen.includes(t) && t.managed === rng.chance(0.55),
      );
      chosen.push(rng.weighted(pool));
    }
    const identity = chosen.map((t) => {
      if (t.managed) return managed.get(t.name);
      parse.inline++;
      const text = JSON.stringify(t.build(rng, p, models), null, rng.chance(0.5) ? 2 : 4);
      return parseText(text, `inline/${p.kind}-${index}/${t.name}.json`, { type: 'identity', name: t.name });
    });
    attachments += identity.length;
    principals.push({ ...p, principal, awsPrincipal, identity, templates: chosen.map((t) => t.name) });
  }
  return {
    models,
    principals,
    scpLevels,
    parse,
    attachments,
    templateCounts: { managed: MANAGED_TEMPLATES.length, inline: INLINE_TEMPLATES.length },
    corpCidrs: CORP_CIDRS,
  };
}
