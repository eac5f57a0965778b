// A large, deterministic policy set for the side-by-side comparison (bench/iam-simulate.mjs): identity
// files of ~200 statements each, mostly about other services as in a real account's broad roles, a few
// about Bedrock, plus one 20-statement SCP. Both tools must answer "allowed" for the two checks.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeRng } from './stats.mjs';

export const LARGE_ACCOUNT = '111122223333';
export const LARGE_REGION = 'us-east-1';
export const LARGE_MODEL = 'anthropic.claude-3-haiku-20240307-v1:0';
export const LARGE_RESOURCE = `arn:aws:bedrock:${LARGE_REGION}::foundation-model/${LARGE_MODEL}`;
export const LARGE_ACTIONS = ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'];
export const SCP_STATEMENTS = 20;
const STATEMENTS_PER_FILE = 200;

// Real action names (IAM data), so neither tool warns about them.
const SERVICES = [
  {
    service: 's3',
    wild: ['Get', 'List'],
    actions: ['GetObject', 'PutObject', 'DeleteObject', 'ListBucket', 'GetBucketPolicy'],
    arn: (i) => `arn:aws:s3:::team-bucket-${i}/*`,
  },
  {
    service: 'dynamodb',
    wild: ['Describe', 'List'],
    actions: ['GetItem', 'PutItem', 'Query', 'Scan', 'UpdateItem'],
    arn: (i) => `arn:aws:dynamodb:${LARGE_REGION}:${LARGE_ACCOUNT}:table/table-${i}`,
  },
  {
    service: 'sqs',
    wild: ['Get', 'List'],
    actions: ['SendMessage', 'ReceiveMessage', 'DeleteMessage', 'GetQueueAttributes'],
    arn: (i) => `arn:aws:sqs:${LARGE_REGION}:${LARGE_ACCOUNT}:queue-${i}`,
  },
  {
    service: 'sns',
    wild: ['Get', 'List'],
    actions: ['Publish', 'Subscribe', 'ListTopics'],
    arn: (i) => `arn:aws:sns:${LARGE_REGION}:${LARGE_ACCOUNT}:topic-${i}`,
  },
  {
    service: 'lambda',
    wild: ['Get', 'List'],
    actions: ['InvokeFunction', 'GetFunction', 'UpdateFunctionCode'],
    arn: (i) => `arn:aws:lambda:${LARGE_REGION}:${LARGE_ACCOUNT}:function:fn-${i}`,
  },
  {
    service: 'logs',
    wild: ['Describe', 'Get'],
    actions: ['CreateLogGroup', 'CreateLogStream', 'PutLogEvents'],
    arn: (i) => `arn:aws:logs:${LARGE_REGION}:${LARGE_ACCOUNT}:log-group:/app/${i}:*`,
  },
  {
    service: 'kms',
    wild: ['Describe', 'List'],
    actions: ['Decrypt', 'Encrypt', 'GenerateDataKey', 'DescribeKey'],
    arn: (i) =>
      `arn:aws:kms:${LARGE_REGION}:${LARGE_ACCOUNT}:key/${String(i).padStart(8, '0')}-1111-2222-3333-444455556666`,
  },
  {
    service: 'secretsmanager',
    wild: ['Describe', 'List'],
    actions: ['GetSecretValue', 'DescribeSecret'],
    arn: (i) => `arn:aws:secretsmanager:${LARGE_REGION}:${LARGE_ACCOUNT}:secret:app-${i}-*`,
  },
  {
    service: 'ec2',
    wild: ['Describe', 'Get'],
    actions: ['DescribeInstances', 'StartInstances', 'StopInstances', 'RunInstances'],
    arn: (i) => `arn:aws:ec2:${LARGE_REGION}:${LARGE_ACCOUNT}:instance/i-${String(i).padStart(17, '0')}`,
  },
  {
    service: 'ssm',
    wild: ['Describe', 'Get'],
    actions: ['GetParameter', 'GetParameters', 'PutParameter'],
    arn: (i) => `arn:aws:ssm:${LARGE_REGION}:${LARGE_ACCOUNT}:parameter/app/${i}/*`,
  },
];
const TEAMS = ['ml', 'search', 'support', 'risk', 'payments', 'data', 'platform', 'research'];
const REGIONS = ['us-east-1', 'us-west-2', 'eu-west-1', 'eu-central-1'];

function otherServiceStatement(rng, sid, i) {
  const { service, wild, actions, arn } = rng.pick(SERVICES);
  const action = rng.chance(0.2)
    ? `${service}:${rng.pick(wild)}*`
    : rng.sample(actions, rng.int(1, Math.min(3, actions.length))).map((a) => `${service}:${a}`);
  const statement = {
    Sid: sid,
    Effect: rng.chance(0.08) ? 'Deny' : 'Allow',
    Action: action,
    Resource: rng.chance(0.1) ? '*' : [arn(i), arn(i + 1)],
  };
  const roll = rng.next();
  if (roll < 0.15) statement.Condition = { StringEquals: { 'aws:RequestedRegion': rng.sample(REGIONS, 2) } };
  else if (roll < 0.25) statement.Condition = { StringEquals: { 'aws:PrincipalTag/team': rng.pick(TEAMS) } };
  else if (roll < 0.3) statement.Condition = { Bool: { 'aws:SecureTransport': 'false' } };
  else if (roll < 0.35) statement.Condition = { IpAddress: { 'aws:SourceIp': ['203.0.113.0/24', '198.51.100.0/24'] } };
  return statement;
}

function bedrockStatement(rng, sid, file) {
  const models = ['amazon.titan-text-express-v1', 'meta.llama3-8b-instruct-v1:0', 'cohere.command-r-v1:0'];
  const roll = rng.next();
  if (roll < 0.5)
    return {
      Sid: sid,
      Effect: 'Allow',
      Action: ['bedrock:ListFoundationModels', 'bedrock:GetFoundationModel'],
      Resource: '*',
    };
  if (roll < 0.8)
    return {
      Sid: sid,
      Effect: 'Allow',
      Action: LARGE_ACTIONS,
      Resource: `arn:aws:bedrock:${rng.pick(REGIONS)}::foundation-model/${rng.pick(models)}`,
    };
  // A guardrail every file repeats in its own words: no DeepSeek.
  return {
    Sid: sid,
    Effect: 'Deny',
    Action: 'bedrock:Invoke*',
    Resource: `arn:aws:bedrock:*::foundation-model/deepseek.r${file}*`,
  };
}

/** `count` statements: the one that grants the two checks sits in the middle of the last file. */
function identityDocuments(count) {
  const rng = makeRng(0x5eed + count);
  const files = Math.max(1, Math.round(count / STATEMENTS_PER_FILE));
  const documents = [];
  let made = 0;
  for (let f = 0; f < files; f++) {
    const size = f === files - 1 ? count - made : Math.floor(count / files);
    const statements = [];
    for (let s = 0; s < size; s++) {
      const sid = `F${f}S${s}`;
      if (f === files - 1 && s === Math.floor(size / 2))
        statements.push({ Sid: sid, Effect: 'Allow', Action: LARGE_ACTIONS, Resource: LARGE_RESOURCE });
      else if (rng.chance(0.03)) statements.push(bedrockStatement(rng, sid, f));
      else statements.push(otherServiceStatement(rng, sid, f * STATEMENTS_PER_FILE + s));
    }
    made += size;
    documents.push({ Version: '2012-10-17', Statement: statements });
  }
  return documents;
}

/** FullAWSAccess, the Region guard of AWS's examples, and 18 denies on other services. */
function scpDocument() {
  const rng = makeRng(0x5c9);
  const statements = [
    { Sid: 'FullAWSAccess', Effect: 'Allow', Action: '*', Resource: '*' },
    {
      Sid: 'DenyOtherRegions',
      Effect: 'Deny',
      NotAction: ['iam:*', 'organizations:*', 'sts:*', 'support:*', 'cloudfront:*', 'route53:*'],
      Resource: '*',
      Condition: { StringNotEquals: { 'aws:RequestedRegion': ['us-east-1', 'us-west-2'] } },
    },
  ];
  for (let s = statements.length; s < SCP_STATEMENTS; s++) {
    const { service, actions } = rng.pick(SERVICES);
    statements.push({
      Sid: `Guard${s}`,
      Effect: 'Deny',
      Action: `${service}:${rng.pick(actions)}`,
      Resource: '*',
      Condition: { StringNotEquals: { 'aws:PrincipalTag/team': rng.sample(TEAMS, 2) } },
    });
  }
  return { Version: '2012-10-17', Statement: statements };
}

/** Writes the set of `count` identity statements (plus the SCP) into `dir`; returns the file paths. */
export function writeLargePolicySet(dir, count) {
  mkdirSync(dir, { recursive: true });
  const identity = identityDocuments(count).map((document, i) => {
    const file = join(dir, `identity-${String(i).padStart(2, '0')}.json`);
    writeFileSync(file, `${JSON.stringify(document, null, 2)}\n`);
    return file;
  });
  const scp = join(dir, 'scp.json');
  writeFileSync(scp, `${JSON.stringify(scpDocument(), null, 2)}\n`);
  return { identity, scp, statements: count + SCP_STATEMENTS };
}
