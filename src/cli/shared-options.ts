import {
  classifyModel,
  suggestCatalogIds,
  unknownRegionMessage,
  type ApiKeyAuth,
  type IndexedCatalog,
} from '../bedrock/index.js';
import { parsePrincipal, type Principal } from '../model/index.js';
import type { PolicyFiles } from '../sources/policy-set.js';
import { UsageError } from './usage-error.js';

/** The options `check` and `explain` share: the policies, the caller and the request context. */
export interface EvaluationArguments extends PolicyFiles {
  readonly region?: string;
  readonly principal?: string;
  readonly context?: readonly string[];
  readonly assumeAbsent: boolean;
  readonly profileRegions?: string;
  readonly auth?: string;
}

const AUTH_CHOICES = 'sigv4, api-key, api-key=short-term or api-key=long-term';

/**
 * --auth: undefined for a signed call (sigv4, the default), else the API key and its kind when given. A long-term
 * key is an IAM user's service-specific credential (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_bedrock.html):
 * with another caller it is a usage error.
 */
export function authOption(text: string | undefined, principal: Principal | undefined): ApiKeyAuth | undefined {
  if (text === undefined) return undefined;
  const value = text.trim().toLowerCase();
  if (value === 'sigv4') return undefined;
  const match = /^api-key(?:=(short-term|long-term))?$/.exec(value);
  if (!match) throw new UsageError(`--auth ${JSON.stringify(text)}: expected ${AUTH_CHOICES}`);
  const kind = match[1] as ApiKeyAuth['kind'];
  if (kind === 'long-term' && principal && principal.kind !== 'user') {
    throw new UsageError(
      `--auth api-key=long-term: a long-term API key belongs to an IAM user, but --principal is a ${principal.kind} (use api-key=short-term, or the IAM user's ARN)`,
    );
  }
  return kind ? { kind } : {};
}

/** --principal, or undefined when not given. */
export function principalOption(text: string | undefined): Principal | undefined {
  if (text === undefined) return undefined;
  const principal = parsePrincipal(text);
  if (!principal) {
    throw new UsageError(
      `--principal ${JSON.stringify(text)}: expected an IAM user, IAM role, assumed-role session, federated user or root ARN`,
    );
  }
  return principal;
}

/** --profile-regions R1,R2,…, or undefined when not given. */
export function profileRegionsOption(text: string | undefined): string[] | undefined {
  if (text === undefined) return undefined;
  const regions = text
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
  if (regions.length === 0)
    throw new UsageError('--profile-regions needs at least one Region, e.g. us-east-1,us-west-2');
  for (const name of regions) {
    const bad = unknownRegionMessage('--profile-regions:', name);
    if (bad !== undefined) throw new UsageError(bad);
  }
  return regions;
}

/**
 * Text that is no model id at all is a usage error with the nearest catalog ids; an id the catalog does
 * not know is left to the check, which reports it as an error finding.
 */
export function requireModelId(text: string, flag: string, catalog: IndexedCatalog): void {
  if (!text.trim()) throw new UsageError(`${flag} is empty`);
  const model = classifyModel(text);
  if (model.kind !== 'unknown') return;
  const suggestions = suggestCatalogIds(catalog, text);
  const hint = suggestions.length > 0 ? `; did you mean ${suggestions.join(', ')}?` : '';
  throw new UsageError(`${flag} ${JSON.stringify(text)}: ${model.reason}${hint}`);
}
