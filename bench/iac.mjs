#!/usr/bin/env node
// IaC bench (issue 10): a generated Terraform repository of BENCH_IAC_FILES .tf files (default 1,000) with
// BENCH_IAC_ROLES roles (default 300): a local module declaring a role with an inline policy written as
// jsonencode(), a data "aws_iam_policy_document" or a heredoc, module calls with inputs, variables with
// defaults, a .tfvars file, an SCP attached to an OU, and files that hold no IAM (buckets, outputs) as real
// repositories do, and a Python service (handler and requirements.txt) beside every tenth role, mapped to it by
// `code:`. `policy-check iac DIR --format json` runs end to end through the built CLI; wall time
// and peak RSS (GNU time's %M, else the child's resource usage) are reported with what the readers found.
// It runs with whatever readers are registered: until the Terraform reader is, it measures discovery,
// config and an empty matrix, and says so.
//   node bench/iac.mjs (after npm run build), or BENCH_ONLY=iac node bench/run.mjs
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const FILES = Number(process.env.BENCH_IAC_FILES || 1000);
const ROLES = Number(process.env.BENCH_IAC_ROLES || 300);
const RUNS = Number(process.env.BENCH_IAC_RUNS || 3);
const TARGET_SECONDS = 5;
const MODELS = ['amazon.nova-pro-v1:0', 'us.anthropic.claude-sonnet-4-5-20250929-v1:0', 'amazon.nova-lite-v1:0'];

function write(directory, path, text) {
  mkdirSync(dirname(join(directory, path)), { recursive: true });
  writeFileSync(join(directory, path), text);
}

const resourceOf = (model) =>
  model.startsWith('us.')
    ? `arn:aws:bedrock:us-east-1:111122223333:inference-profile/${model}`
    : `arn:aws:bedrock:us-east-1::foundation-model/${model}`;

/** The repository; returns the number of .tf files written. */
export function generateRepository(directory) {
  let tf = 0;
  const tfFile = (path, text) => {
    write(directory, path, text);
    tf++;
  };
  const code = [];
  tfFile(
    'modules/bedrock-role/main.tf',
    `resource "aws_iam_role" "this" {
  name               = var.name
  assume_role_policy = data.aws_iam_policy_document.trust.json
  tags               = var.tags
}

data "aws_iam_policy_document" "trust" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }
  }
}

data "aws_iam_policy_document" "invoke" {
  statement {
    sid       = "Invoke"
    actions   = var.actions
    resources = var.resources
  }
}

resource "aws_iam_role_policy" "invoke" {
  name   = "\${var.name}-invoke"
  role   = aws_iam_role.this.id
  policy = data.aws_iam_policy_document.invoke.json
}
`,
  );
  tfFile(
    'modules/bedrock-role/variables.tf',
    `variable "name" { type = string }
variable "actions" {
  type    = list(string)
  default = ["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"]
}
variable "resources" { type = list(string) }
variable "tags" {
  type    = map(string)
  default = {}
}
`,
  );
  tfFile('modules/bedrock-role/outputs.tf', 'output "arn" { value = aws_iam_role.this.arn }\n');
  for (let index = 0; index < ROLES; index++) {
    const model = MODELS[index % MODELS.length];
    const team = `team_${String(index).padStart(3, '0')}`;
    if (index % 3 === 0) {
      tfFile(
        `teams/${team}/role.tf`,
        `module "${team}" {
  source    = "../../modules/bedrock-role"
  name      = "${team}-app"
  resources = ["${resourceOf(model)}"]
  tags      = { team = "${team}" }
}
`,
      );
    } else if (index % 3 === 1) {
      tfFile(
        `teams/${team}/role.tf`,
        `resource "aws_iam_role" "${team}" {
  name               = "${team}-app"
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "lambda.amazonaws.com" } }] })
}

resource "aws_iam_role_policy" "${team}" {
  name = "${team}-invoke"
  role = aws_iam_role.${team}.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid      = "Invoke"
      Effect   = "Allow"
      Action   = ${index % 10 === 1 ? '["bedrock:InvokeModel"]' : '["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"]'}
      Resource = "${resourceOf(model)}"
    }]
  })
}
`,
      );
    } else {
      tfFile(
        `teams/${team}/role.tf`,
        `resource "aws_iam_role" "${team}" {
  name               = "${team}-app"
  assume_role_policy = file("\${path.module}/trust.json")
}

resource "aws_iam_role_policy" "${team}" {
  name   = "${team}-invoke"
  role   = aws_iam_role.${team}.id
  policy = <<EOF
{
  "Version": "2012-10-17",
  "Statement": [
    { "Sid": "Invoke", "Effect": "Allow", "Action": ${index % 7 === 2 ? '"bedrock:*"' : '["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"]'}, "Resource": ${index % 7 === 2 ? '"*"' : `"${resourceOf(model)}"`} }
  ]
}
EOF
}
`,
      );
      write(
        directory,
        `teams/${team}/trust.json`,
        '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"Service":"lambda.amazonaws.com"}}]}\n',
      );
    }
    if (index % 10 === 0) {
      // A service in Python beside its role: the code check reads it, and `code:` maps it to the role.
      write(directory, `teams/${team}/requirements.txt`, 'boto3>=1.34.116\nrequests==2.32.3\n');
      write(
        directory,
        `teams/${team}/handler.py`,
        `import json\n\nimport boto3\n\nclient = boto3.client("bedrock-runtime")\n\n\ndef handler(event, context):\n    return client.invoke_model(\n        modelId="${model}",\n        body=json.dumps(event),\n    )\n`,
      );
      code.push(`  - path: teams/${team}/**`, `    principal: ${team}-app`);
    }
    tfFile(`teams/${team}/variables.tf`, `variable "environment" {\n  type    = string\n  default = "prod"\n}\n`);
  }
  tfFile(
    'org/scps.tf',
    `resource "aws_organizations_organizational_unit" "workloads" {
  name      = "workloads"
  parent_id = "r-abcd"
}

resource "aws_organizations_policy" "regions" {
  name    = "deny-outside-us"
  type    = "SERVICE_CONTROL_POLICY"
  content = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "DenyOutsideUs"
      Effect    = "Deny"
      NotAction = ["iam:*", "sts:*", "organizations:*"]
      Resource  = "*"
      Condition = { StringNotLike = { "aws:RequestedRegion" = ["us-*"] } }
    }]
  })
}

resource "aws_organizations_policy_attachment" "regions" {
  policy_id = aws_organizations_policy.regions.id
  target_id = aws_organizations_organizational_unit.workloads.id
}
`,
  );
  write(directory, 'terraform.tfvars', 'environment = "prod"\n');
  write(
    directory,
    '.policy-check.yml',
    [
      'region: us-east-1',
      'account: "111122223333"',
      'expect:',
      '  - principal: "module.team_0*"',
      `    models: [${MODELS[0]}]`,
      '    access: allowed',
      'code:',
      ...code,
      '',
    ].join('\n'),
  );
  // Files without IAM, up to the size asked for.
  for (let index = 0; tf < FILES; index++) {
    tfFile(
      `services/service_${String(index).padStart(4, '0')}.tf`,
      `resource "aws_s3_bucket" "data_${index}" {
  bucket = "example-data-${index}"
  tags   = { service = "service-${index}" }
}

output "bucket_${index}" {
  value = aws_s3_bucket.data_${index}.arn
}
`,
    );
  }
  return tf;
}

function measure(directory) {
  const cli = join(root, 'bin', 'policy-check.cjs');
  const args = [cli, 'iac', directory, '--format', 'json', '--fail-on', 'none'];
  const gnuTime = existsSync('/usr/bin/time');
  const started = performance.now();
  const run = gnuTime
    ? spawnSync('/usr/bin/time', ['-f', '%M %U %S', process.execPath, ...args], {
        encoding: 'utf8',
        maxBuffer: 1 << 30,
      })
    : spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 30 });
  const wall = (performance.now() - started) / 1000;
  if (run.status !== 0) throw new Error(`policy-check iac exited ${run.status}: ${run.stderr}`);
  const usage = gnuTime ? run.stderr.trim().split('\n').at(-1).split(' ').map(Number) : [];
  const report = JSON.parse(run.stdout);
  return {
    wallSeconds: wall,
    cpuSeconds: usage.length === 3 ? usage[1] + usage[2] : null,
    peakRssMb: usage.length === 3 ? usage[0] / 1024 : null,
    filesRead: report.files.length,
    principals: report.principals.length,
    cells: report.cells.length,
    findings: report.findings.length,
  };
}

async function main() {
  const directory = mkdtempSync(join(tmpdir(), 'policy-check-bench-iac-'));
  try {
    const tf = generateRepository(directory);
    const runs = Array.from({ length: RUNS }, () => measure(directory));
    const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
    const last = runs.at(-1);
    const result = {
      tfFiles: tf,
      roles: ROLES,
      runs: RUNS,
      medianWallSeconds: Number(median(runs.map((run) => run.wallSeconds)).toFixed(3)),
      medianCpuSeconds:
        runs[0].cpuSeconds === null ? null : Number(median(runs.map((run) => run.cpuSeconds)).toFixed(3)),
      peakRssMb: runs[0].peakRssMb === null ? null : Number(Math.max(...runs.map((run) => run.peakRssMb)).toFixed(1)),
      filesRead: last.filesRead,
      principals: last.principals,
      cells: last.cells,
      findings: last.findings,
      targetSeconds: TARGET_SECONDS,
    };
    console.log(
      `iac: ${tf} .tf files, ${ROLES} roles declared → ${result.filesRead} files read, ${result.principals} principals, ${result.cells} cells, ${result.findings} findings`,
    );
    console.log(
      `iac: median wall ${result.medianWallSeconds} s (target < ${TARGET_SECONDS} s), CPU ${result.medianCpuSeconds ?? '?'} s, peak RSS ${result.peakRssMb ?? '?'} MB over ${RUNS} runs`,
    );
    if (result.principals === 0)
      console.log('iac: no reader of .tf files is registered yet: discovery, config and an empty matrix were measured');
    return result;
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

const result = await main();
export default result;
