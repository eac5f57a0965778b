import { GetAccountAuthorizationDetailsCommand, type IAMClient } from '@aws-sdk/client-iam';

export interface GaadLists {
  readonly UserDetailList: unknown[];
  readonly GroupDetailList: unknown[];
  readonly RoleDetailList: unknown[];
  readonly Policies: unknown[];
}

const DOCUMENT_KEYS = new Set(['PolicyDocument', 'Document', 'AssumeRolePolicyDocument']);
/** Fields the SDK adds that the snapshot does not keep (dates as Date objects, ids). */
const DROPPED_KEYS = new Set(['CreateDate', 'UpdateDate', 'RoleLastUsed', 'InstanceProfileList', '$metadata']);

/** Every page of GetAccountAuthorizationDetails, merged, with policy documents decoded as the AWS CLI does. */
export async function readAuthorizationDetails(iam: IAMClient): Promise<GaadLists> {
  const lists: GaadLists = { UserDetailList: [], GroupDetailList: [], RoleDetailList: [], Policies: [] };
  let marker: string | undefined;
  do {
    const page = await iam.send(new GetAccountAuthorizationDetailsCommand(marker ? { Marker: marker } : {}));
    lists.UserDetailList.push(...(page.UserDetailList ?? []).map(plain));
    lists.GroupDetailList.push(...(page.GroupDetailList ?? []).map(plain));
    lists.RoleDetailList.push(...(page.RoleDetailList ?? []).map(plain));
    lists.Policies.push(...(page.Policies ?? []).map(plain));
    marker = page.IsTruncated ? page.Marker : undefined;
    if (page.IsTruncated && !marker)
      throw new Error('GetAccountAuthorizationDetails: a truncated page without a Marker');
  } while (marker);
  return lists;
}

/** The SDK's object as snapshot JSON: URL-encoded documents decoded, SDK-only fields left out. */
function plain(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(plain);
  if (typeof value !== 'object' || value === null) return value;
  const entries = Object.entries(value).filter(([key, inner]) => inner !== undefined && !DROPPED_KEYS.has(key));
  return Object.fromEntries(
    entries.map(([key, inner]) => [
      key,
      DOCUMENT_KEYS.has(key) && typeof inner === 'string' ? decoded(inner) : plain(inner),
    ]),
  );
}

/** IAM returns documents URL-encoded (RFC 3986); text that does not decode to JSON is kept for the parser to report. */
function decoded(text: string): unknown {
  try {
    return JSON.parse(decodeURIComponent(text));
  } catch {
    return text;
  }
}
