// A loopback AWS endpoint speaking the wire protocols the real SDK clients use — IAM and STS query/XML,
// Organizations JSON 1.1, Bedrock REST-JSON, EC2 query/XML — so that a live scan runs unchanged against it through
// AWS_ENDPOINT_URL. It logs every operation and injects the faults a fixture asks for.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FakeAccount } from './fixture.js';
import { vpcEndpointsPage } from './ec2.js';
import { ec2XmlOf, xmlOf } from './xml.js';

export interface Faults {
  /** Operations answered with a throttling error on their first call. */
  readonly throttleOnce?: readonly string[];
  /** Operations answered with HTTP 500 on their first call. */
  readonly serverErrorOnce?: readonly string[];
  /** Operations answered with AccessDenied every time. */
  readonly accessDenied?: readonly string[];
  /** Items per page of GetAccountAuthorizationDetails (each list), ListPoliciesForTarget, ListInferenceProfiles and DescribeVpcEndpoints. */
  readonly pageSize?: number;
}

export interface FakeAws {
  readonly url: string;
  /** Every operation called, in order (retries included). */
  readonly operations: string[];
  /** The same, each with the account whose credentials signed it. */
  readonly calls: { readonly operation: string; readonly accountId: string }[];
  close(): Promise<void>;
}

/** What a fake built on this server adds (organization.ts): more accounts, more operations, per-account faults. */
export interface FakeAwsExtension {
  /** The account whose credentials signed the request, by access key id; undefined: the main account. */
  accountOf(accessKeyId: string): FakeAccount | undefined;
  /** An answer of its own (or a refusal), before the main server's; undefined: the main server answers. */
  answer(call: Call, account: FakeAccount): Answer | undefined;
}

export async function startFakeAws(
  account: FakeAccount,
  faults: Faults = {},
  extension?: FakeAwsExtension,
): Promise<FakeAws> {
  const operations: string[] = [];
  const signed: { operation: string; accountId: string }[] = [];
  const calls = new Map<string, number>();
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const call = operationOf(request, body);
      const keyId = /Credential=([^/,\s]+)\//.exec(String(request.headers.authorization ?? ''))?.[1] ?? '';
      const caller = extension?.accountOf(keyId) ?? account;
      operations.push(call.operation);
      signed.push({ operation: call.operation, accountId: caller.accountId });
      const count = (calls.get(call.operation) ?? 0) + 1;
      calls.set(call.operation, count);
      const fault = faultFor(call, count, faults);
      if (fault)
        return send(response, call.protocol, fault.status, errorBody(call.protocol, fault.code, fault.message));
      const result = extension?.answer(call, caller) ?? answer(caller, call, faults.pageSize ?? 1000);
      if ('error' in result)
        return send(
          response,
          call.protocol,
          result.status ?? 400,
          errorBody(call.protocol, result.error, result.message ?? result.error),
        );
      send(response, call.protocol, 200, bodyOf(call, result.value));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    operations,
    calls: signed,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

type Protocol = 'query' | 'ec2' | 'json' | 'rest';

export interface Call {
  readonly protocol: Protocol;
  /** Service:Operation, e.g. iam:GetAccountAuthorizationDetails. */
  readonly operation: string;
  readonly params: Record<string, string>;
  readonly json: Record<string, unknown>;
}

function operationOf(request: IncomingMessage, body: string): Call {
  const target = request.headers['x-amz-target'];
  if (typeof target === 'string') {
    // Organizations: X-Amz-Target: AWSOrganizationsV20161128.ListParents
    return {
      protocol: 'json',
      operation: `organizations:${target.split('.')[1]}`,
      params: {},
      json: JSON.parse(body || '{}'),
    };
  }
  const url = new URL(request.url ?? '/', 'http://localhost');
  if (
    request.method === 'POST' &&
    String(request.headers['content-type']).startsWith('application/x-www-form-urlencoded')
  ) {
    const params = Object.fromEntries(new URLSearchParams(body));
    const action = params.Action ?? '';
    // EC2 speaks its own query dialect (API version 2016-11-15): lists are <item>s, errors <Response><Errors>.
    if (params.Version === '2016-11-15') return { protocol: 'ec2', operation: `ec2:${action}`, params, json: {} };
    const service = action === 'GetCallerIdentity' || action === 'AssumeRole' ? 'sts' : 'iam';
    return { protocol: 'query', operation: `${service}:${action}`, params, json: {} };
  }
  const params = Object.fromEntries(url.searchParams);
  const path = decodeURIComponent(url.pathname);
  if (path === '/foundation-models')
    return { protocol: 'rest', operation: 'bedrock:ListFoundationModels', params, json: {} };
  if (path === '/inference-profiles')
    return { protocol: 'rest', operation: 'bedrock:ListInferenceProfiles', params, json: {} };
  if (path === '/prompt-routers') return { protocol: 'rest', operation: 'bedrock:ListPromptRouters', params, json: {} };
  const availability = /^\/foundation-model-availability\/(.+)$/.exec(path);
  if (availability)
    return {
      protocol: 'rest',
      operation: 'bedrock:GetFoundationModelAvailability',
      params: { ...params, modelId: availability[1] ?? '' },
      json: {},
    };
  return { protocol: 'rest', operation: `unknown:${request.method} ${path}`, params, json: {} };
}

function faultFor(call: Call, count: number, faults: Faults) {
  if (faults.accessDenied?.includes(call.operation))
    return {
      status: 403,
      // EC2's refusal is UnauthorizedOperation (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/errors-overview.html).
      code:
        call.protocol === 'ec2'
          ? 'UnauthorizedOperation'
          : call.protocol === 'query'
            ? 'AccessDenied'
            : 'AccessDeniedException',
      message: `not authorized to perform ${call.operation}`,
    };
  if (faults.throttleOnce?.includes(call.operation) && count === 1)
    return {
      status: 400,
      code:
        call.protocol === 'query' || call.protocol === 'ec2'
          ? call.protocol === 'ec2'
            ? 'RequestLimitExceeded'
            : 'Throttling'
          : call.protocol === 'json'
            ? 'TooManyRequestsException'
            : 'ThrottlingException',
      message: 'Rate exceeded',
    };
  if (faults.serverErrorOnce?.includes(call.operation) && count === 1)
    return { status: 500, code: 'InternalFailure', message: 'internal failure' };
  return undefined;
}

function errorBody(protocol: Protocol, code: string, message: string): string {
  if (protocol === 'ec2')
    return `<Response><Errors><Error><Code>${code}</Code><Message>${message}</Message></Error></Errors><RequestID>fake</RequestID></Response>`;
  if (protocol === 'query')
    return `<ErrorResponse><Error><Type>Sender</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>fake</RequestId></ErrorResponse>`;
  return JSON.stringify({ __type: code, message, Message: message });
}

function send(response: ServerResponse, protocol: Protocol, status: number, body: string): void {
  const type =
    protocol === 'query' || protocol === 'ec2'
      ? 'text/xml'
      : protocol === 'json'
        ? 'application/x-amz-json-1.1'
        : 'application/json';
  const headers: Record<string, string> = { 'content-type': type, 'x-amzn-requestid': 'fake' };
  const error = /"__type":"([^"]+)"/.exec(body);
  if (status >= 400 && protocol === 'rest' && error?.[1]) headers['x-amzn-errortype'] = error[1];
  response.writeHead(status, headers);
  response.end(body);
}

function bodyOf(call: Call, value: unknown): string {
  const action = call.operation.split(':')[1] ?? '';
  if (call.protocol === 'ec2')
    return `<${action}Response xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>fake</requestId>${ec2XmlOf(value)}</${action}Response>`;
  if (call.protocol !== 'query') return JSON.stringify(value);
  const namespace = call.operation.startsWith('sts:')
    ? 'https://sts.amazonaws.com/doc/2011-06-15/'
    : 'https://iam.amazonaws.com/doc/2010-05-08/';
  return `<${action}Response xmlns="${namespace}"><${action}Result>${xmlOf(value)}</${action}Result><ResponseMetadata><RequestId>fake</RequestId></ResponseMetadata></${action}Response>`;
}

export type Answer =
  | { readonly value: unknown }
  | { readonly error: string; readonly status?: number; readonly message?: string };

function answer(account: FakeAccount, call: Call, pageSize: number): Answer {
  switch (call.operation) {
    case 'sts:GetCallerIdentity':
      return {
        value: {
          Account: account.accountId,
          Arn: `arn:aws:iam::${account.accountId}:user/scanner`,
          UserId: 'AIDAFAKE',
        },
      };
    case 'iam:GetAccountAuthorizationDetails':
      return {
        value: gaadPage(account, Number(call.params.Marker ?? 0), Number(call.params.MaxItems ?? pageSize), pageSize),
      };
    case 'organizations:DescribeOrganization':
      if (!account.organization) return { error: 'AWSOrganizationsNotInUseException' };
      return {
        value: {
          Organization: {
            Id: account.organization.id,
            Arn: `arn:aws:organizations::${account.organization.managementAccountId}:organization/${account.organization.id}`,
            FeatureSet: 'ALL',
            MasterAccountId: account.organization.managementAccountId,
            MasterAccountArn: `arn:aws:organizations::${account.organization.managementAccountId}:account/${account.organization.id}/${account.organization.managementAccountId}`,
          },
        },
      };
    case 'organizations:ListParents': {
      const child = String(call.json.ChildId);
      const parent = account.organization?.parents[child];
      if (!parent) return { error: 'ChildNotFoundException' };
      return { value: { Parents: [{ Id: parent, Type: parent.startsWith('r-') ? 'ROOT' : 'ORGANIZATIONAL_UNIT' }] } };
    }
    case 'organizations:ListPoliciesForTarget': {
      const target = String(call.json.TargetId);
      const ids = account.organization?.attached[target] ?? [];
      const start = Number(call.json.NextToken ?? 0);
      const page = ids.slice(start, start + pageSize);
      return {
        value: {
          Policies: page.map((id) => ({
            Id: id,
            Name: account.organization?.policies[id]?.name,
            Type: 'SERVICE_CONTROL_POLICY',
          })),
          ...(start + pageSize < ids.length ? { NextToken: String(start + pageSize) } : {}),
        },
      };
    }
    case 'organizations:DescribePolicy': {
      const id = String(call.json.PolicyId);
      const policy = account.organization?.policies[id];
      if (!policy) return { error: 'PolicyNotFoundException' };
      return {
        value: {
          Policy: {
            PolicySummary: {
              Id: id,
              Name: policy.name,
              Arn: `arn:aws:organizations::${account.organization?.managementAccountId}:policy/${account.organization?.id}/service_control_policy/${id}`,
              Type: 'SERVICE_CONTROL_POLICY',
            },
            Content: JSON.stringify(policy.document),
          },
        },
      };
    }
    case 'bedrock:ListFoundationModels':
      return {
        value: {
          modelSummaries: account.bedrock.models.map((modelId) => ({
            modelId,
            modelArn: `arn:aws:bedrock:${account.region}::foundation-model/${modelId}`,
            modelName: modelId,
            providerName: modelId.split('.')[0],
            inferenceTypesSupported: ['ON_DEMAND'],
            modelLifecycle: { status: 'ACTIVE' },
          })),
        },
      };
    case 'bedrock:ListInferenceProfiles': {
      const start = Number(call.params.nextToken ?? 0);
      const size = Math.min(pageSize, Number(call.params.maxResults ?? pageSize));
      if (call.params.type === 'APPLICATION') {
        const profiles = account.bedrock.applicationProfiles ?? [];
        return {
          value: {
            inferenceProfileSummaries: profiles.slice(start, start + size).map((profile) => ({
              inferenceProfileId: profile.arn.slice(profile.arn.lastIndexOf('/') + 1),
              inferenceProfileName: profile.arn.slice(profile.arn.lastIndexOf('/') + 1),
              inferenceProfileArn: profile.arn,
              models: profile.models.map((modelArn) => ({ modelArn })),
              status: 'ACTIVE',
              type: 'APPLICATION',
            })),
            ...(start + size < profiles.length ? { nextToken: String(start + size) } : {}),
          },
        };
      }
      const page = account.bedrock.profiles.slice(start, start + size);
      return {
        value: {
          inferenceProfileSummaries: page.map((profile) => ({
            inferenceProfileId: profile.id,
            inferenceProfileName: profile.id,
            inferenceProfileArn: `arn:aws:bedrock:${account.region}:${account.accountId}:inference-profile/${profile.id}`,
            models: profile.regions.map((region) => ({
              modelArn: `arn:aws:bedrock:${region}::foundation-model/${profile.id.slice(profile.id.indexOf('.') + 1)}`,
            })),
            status: 'ACTIVE',
            type: 'SYSTEM_DEFINED',
          })),
          ...(start + size < account.bedrock.profiles.length ? { nextToken: String(start + size) } : {}),
        },
      };
    }
    case 'bedrock:ListPromptRouters': {
      const start = Number(call.params.nextToken ?? 0);
      const size = Math.min(pageSize, Number(call.params.maxResults ?? pageSize));
      const routers = account.bedrock.promptRouters ?? [];
      return {
        value: {
          promptRouterSummaries: routers.slice(start, start + size).map((router) => ({
            promptRouterName: router.arn.slice(router.arn.lastIndexOf('/') + 1),
            promptRouterArn: router.arn,
            models: router.models.map((modelArn) => ({ modelArn })),
            fallbackModel: { modelArn: router.fallback },
            routingCriteria: { responseQualityDifference: 0.25 },
            status: 'AVAILABLE',
            type: 'custom',
          })),
          ...(start + size < routers.length ? { nextToken: String(start + size) } : {}),
        },
      };
    }
    case 'bedrock:GetFoundationModelAvailability': {
      const given = account.bedrock.availability?.[call.params.modelId ?? ''] ?? {};
      return {
        value: {
          modelId: call.params.modelId,
          agreementAvailability: { status: given.agreement ?? 'AVAILABLE' },
          authorizationStatus: given.authorization ?? 'AUTHORIZED',
          entitlementAvailability: given.entitlement ?? 'AVAILABLE',
          regionAvailability: given.region ?? 'AVAILABLE',
        },
      };
    }
    case 'ec2:DescribeVpcEndpoints':
      return { value: vpcEndpointsPage(account, call.params, pageSize) };
    default:
      return { error: 'UnknownOperationException' };
  }
}

/** One page of GAAD: the lists concatenated, paged together by a numeric marker, documents URL-encoded as IAM sends them. */
function gaadPage(account: FakeAccount, start: number, maxItems: number, pageSize: number) {
  const size = Math.min(maxItems, pageSize);
  const items = [
    ...account.gaad.UserDetailList.map((item) => ['UserDetailList', item] as const),
    ...account.gaad.GroupDetailList.map((item) => ['GroupDetailList', item] as const),
    ...account.gaad.RoleDetailList.map((item) => ['RoleDetailList', item] as const),
    ...account.gaad.Policies.map((item) => ['Policies', item] as const),
  ];
  const page = items.slice(start, start + size);
  const lists: Record<string, unknown[]> = {
    UserDetailList: [],
    GroupDetailList: [],
    RoleDetailList: [],
    Policies: [],
  };
  for (const [key, item] of page) lists[key]?.push(urlEncodeDocuments(item));
  const truncated = start + size < items.length;
  return { ...lists, IsTruncated: truncated, ...(truncated ? { Marker: String(start + size) } : {}) };
}

const DOCUMENT_KEYS = new Set(['PolicyDocument', 'Document', 'AssumeRolePolicyDocument']);

function urlEncodeDocuments(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(urlEncodeDocuments);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [
      key,
      DOCUMENT_KEYS.has(key) && typeof inner === 'object'
        ? encodeURIComponent(JSON.stringify(inner))
        : urlEncodeDocuments(inner),
    ]),
  );
}
