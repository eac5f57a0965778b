import { BEARER_TOKEN_TYPE, isBearerTokenAction } from '../../bedrock/index.js';
import type { Request } from '../../model/index.js';
import type { StatementJson } from './statement-json.js';

const APPLY_GUARDRAIL = 'bedrock:ApplyGuardrail';

const PROFILE_KEY = 'bedrock:inferenceprofilearn';
const REGION_KEY = 'aws:requestedregion';

const sorted = (values: Iterable<string>): string[] => [...new Set(values)].sort();
const oneOrMany = (values: readonly string[]): string | string[] => (values.length === 1 ? values[0]! : [...values]);

/** "us.anthropic.claude-3-haiku-…" → "UsAnthropicClaude3Haiku…": Sids must be alphanumeric. */
function sidPart(text: string): string {
  return text
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((word) => word[0]!.toUpperCase() + word.slice(1))
    .join('')
    .slice(0, 60);
}

/**
 * The least-privilege Allow statements that grant exactly these requests: the actions and ARNs
 * requested, and for calls routed through an inference profile the pattern AWS documents — the
 * profile ARN, and the foundation models only when `bedrock:InferenceProfileArn` names that profile;
 * for a global profile, the Region-less model only when aws:RequestedRegion is "unspecified"
 * (https://docs.aws.amazon.com/bedrock/latest/userguide/global-cross-region-inference.html).
 */
export function allowStatementsFor(
  requests: readonly Request[],
  takenSids: ReadonlySet<string> = new Set(),
): StatementJson[] {
  const direct: Request[] = [];
  const byProfile = new Map<string, Request[]>();
  const bearer: Request[] = [];
  for (const request of requests) {
    if (isBearerTokenAction(request.action)) {
      bearer.push(request);
      continue;
    }
    const profile = request.context.values.get(PROFILE_KEY)?.[0];
    if (profile === undefined) direct.push(request);
    else byProfile.set(profile, [...(byProfile.get(profile) ?? []), request]);
  }
  const statements: StatementJson[] = [];
  // Applying a guardrail is its own grant, on the guardrail ARN
  // (https://docs.aws.amazon.com/bedrock/latest/userguide/guardrails-permissions.html): never crossed with the invocations.
  const guardrails = direct.filter((request) => request.action === APPLY_GUARDRAIL);
  if (guardrails.length > 0) {
    statements.push({
      Sid: `AllowApplyGuardrail${sidPart(guardrails[0]!.resource.split('/').pop() ?? '')}`,
      Effect: 'Allow',
      Action: APPLY_GUARDRAIL,
      Resource: oneOrMany(sorted(guardrails.map((r) => r.resource))),
    });
    direct.splice(0, direct.length, ...direct.filter((request) => request.action !== APPLY_GUARDRAIL));
  }
  if (direct.length > 0) {
    statements.push({
      Sid: `Allow${sidPart(direct[0]!.resource.split('/').pop() ?? 'Bedrock')}`,
      Effect: 'Allow',
      Action: oneOrMany(sorted(direct.map((r) => r.action))),
      Resource: oneOrMany(sorted(direct.map((r) => r.resource))),
    });
  }
  for (const profile of sorted(byProfile.keys())) {
    const routed = byProfile.get(profile)!;
    const name = sidPart(profile.split('/').pop() ?? 'Profile');
    const actions = oneOrMany(sorted(routed.map((r) => r.action)));
    const regionless = routed.filter((r) => r.context.values.get(REGION_KEY)?.[0] === 'unspecified');
    const regional = routed.filter((r) => !regionless.includes(r));
    const condition = { StringEquals: { 'bedrock:InferenceProfileArn': profile } };
    if (regional.length > 0) {
      statements.push({
        Sid: `Allow${name}Models`.slice(0, 100),
        Effect: 'Allow',
        Action: actions,
        Resource: oneOrMany(sorted(regional.map((r) => r.resource))),
        ...(regional.every((r) => r.resource === profile) ? {} : { Condition: condition }),
      });
    }
    if (regionless.length > 0) {
      statements.push({
        Sid: `Allow${name}GlobalRouting`.slice(0, 100),
        Effect: 'Allow',
        Action: actions,
        Resource: oneOrMany(sorted(regionless.map((r) => r.resource))),
        Condition: { StringEquals: { 'aws:RequestedRegion': 'unspecified', 'bedrock:InferenceProfileArn': profile } },
      });
    }
  }
  statements.push(...bearerStatements(bearer));
  return uniqueSids(splitProfileResource(statements, byProfile), takenSids);
}

/**
 * bedrock:CallWithBearerToken has no resource type, so its Allow is on "*" in a statement of its own (never
 * beside a model ARN); it is bound to the kind of key used when that is known
 * (https://docs.aws.amazon.com/bedrock/latest/userguide/api-keys-permissions.html).
 */
function bearerStatements(requests: readonly Request[]): StatementJson[] {
  if (requests.length === 0) return [];
  const kinds = requests.map((request) => request.context.values.get(BEARER_TOKEN_TYPE.toLowerCase())?.[0]);
  const known = kinds.every((kind) => kind !== undefined) ? sorted(kinds as string[]) : [];
  return [
    {
      Sid: 'AllowBedrockApiKeys',
      Effect: 'Allow',
      Action: oneOrMany(sorted(requests.map((request) => request.action))),
      Resource: '*',
      ...(known.length > 0 ? { Condition: { StringEquals: { [BEARER_TOKEN_TYPE]: oneOrMany(known) } } } : {}),
    },
  ];
}

/** Sids must be unique within a policy: number any that clash with the policy's or each other's. */
function uniqueSids(statements: StatementJson[], taken: ReadonlySet<string>): StatementJson[] {
  const used = new Set(taken);
  return statements.map((statement) => {
    const base = String(statement.Sid);
    let sid = base;
    for (let n = 2; used.has(sid); n++) sid = `${base}${n}`;
    used.add(sid);
    return { ...statement, Sid: sid };
  });
}

/** The profile's own ARN gets a statement without the condition: whether AWS sets the key on that request is not documented. */
function splitProfileResource(statements: StatementJson[], byProfile: ReadonlyMap<string, Request[]>): StatementJson[] {
  const result: StatementJson[] = [];
  for (const statement of statements) {
    const resources = ([] as string[]).concat(statement.Resource as string | string[]);
    const profiles = resources.filter((resource) => byProfile.has(resource));
    if (profiles.length === 0 || !statement.Condition) {
      result.push(statement);
      continue;
    }
    const rest = resources.filter((resource) => !byProfile.has(resource));
    result.push({
      Sid: `${String(statement.Sid)}Profile`.replace(/ModelsProfile$/, 'Profile'),
      Effect: 'Allow',
      Action: statement.Action,
      Resource: oneOrMany(profiles),
    });
    if (rest.length > 0) result.push({ ...statement, Resource: oneOrMany(rest) });
  }
  return result;
}
