import type { ErrorObject } from 'ajv';
import { isMap, isNode, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import {
  EMPTY_IAC_CONFIG,
  type IacConfig,
  type IacExpectation,
  type IacPolicyMapping,
  type InputIssue,
  type Span,
} from '../model/index.js';
import { iacConfigValidator, schemaErrors } from './schema-validation.js';

export interface IacConfigParseResult {
  /** Present when there is no error. */
  readonly config?: IacConfig;
  readonly issues: readonly InputIssue[];
}

/**
 * Parses `.policy-check.yml` (YAML 1.2, schemas/iac-config.schema.json). Every problem is one issue at its
 * line; never throws on bad input. `file` is the repository-relative name used in messages and spans.
 */
export function parseIacConfig(text: string, file: string): IacConfigParseResult {
  const lines = new LineCounter();
  const document = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false });
  const at = (offset: number): Span => {
    const position = lines.linePos(offset);
    return { file, line: position.line, column: position.col };
  };
  const yamlIssues = [...document.errors, ...document.warnings].map((problem) =>
    issue(
      problem.linePos ? { file, line: problem.linePos[0].line, column: problem.linePos[0].col } : at(0),
      problem.message.split('\n')[0]!,
      problem.code,
    ),
  );
  if (yamlIssues.length > 0) return { issues: yamlIssues };
  const data: unknown = document.toJS() ?? {};
  const errors = schemaErrors(iacConfigValidator, data);
  if (errors.length > 0) return { issues: errors.map((error) => schemaIssue(error, document, at)) };
  const spanOf = (path: readonly (string | number)[]) => {
    const node = document.getIn(path, true);
    return at(isNode(node) && node.range ? node.range[0] : 0);
  };
  const raw = data as RawConfig;
  const issues: InputIssue[] = [];
  (raw.suppress ?? []).forEach((entry, index) => {
    if (!isCalendarDate(entry.expires))
      issues.push(
        issue(
          spanOf(['suppress', index, 'expires']),
          `suppress[${index}].expires: ${entry.expires} is no calendar date`,
          'invalid-date',
        ),
      );
  });
  if (issues.length > 0) return { issues };
  const config: IacConfig = {
    ...EMPTY_IAC_CONFIG,
    file,
    ...(raw.region !== undefined ? { region: raw.region } : {}),
    ...(raw.account !== undefined ? { account: raw.account } : {}),
    ...(raw.requireGuardrail !== undefined ? { requireGuardrail: raw.requireGuardrail } : {}),
    ...(raw.auth !== undefined ? { auth: { value: raw.auth, span: spanOf(['auth']) } } : {}),
    ...(raw.serviceTier !== undefined
      ? { serviceTier: { value: raw.serviceTier, span: spanOf(['serviceTier']) } }
      : {}),
    ...(raw.guardrail !== undefined ? { guardrail: { value: raw.guardrail, span: spanOf(['guardrail']) } } : {}),
    ...(raw.vpcEndpoint !== undefined
      ? { vpcEndpoint: { address: raw.vpcEndpoint, span: spanOf(['vpcEndpoint']) } }
      : {}),
    ...(raw.organization
      ? {
          organization: {
            ...(raw.organization.id ? { id: raw.organization.id } : {}),
            path: raw.organization.path ?? [],
          },
        }
      : {}),
    expect: (raw.expect ?? []).map((entry, index): IacExpectation => ({ ...entry, span: spanOf(['expect', index]) })),
    suppress: (raw.suppress ?? []).map((entry, index) => ({ ...entry, span: spanOf(['suppress', index]) })),
    include: raw.include ?? [],
    exclude: raw.exclude ?? [],
    policies: (raw.policies ?? []).map(
      (entry, index): IacPolicyMapping => ({ ...entry, span: spanOf(['policies', index]) }),
    ),
    code: (raw.code ?? []).map((entry, index) => ({ ...entry, span: spanOf(['code', index]) })),
  };
  return { config, issues: [] };
}

type RawConfig = {
  region?: string;
  account?: string;
  requireGuardrail?: boolean;
  auth?: string;
  serviceTier?: string;
  guardrail?: string;
  vpcEndpoint?: string;
  organization?: { id?: string; path?: string[] };
  expect?: Omit<IacExpectation, 'span'>[];
  suppress?: { rule: string; path: string; reason: string; expires: string }[];
  include?: string[];
  exclude?: string[];
  policies?: Omit<IacPolicyMapping, 'span'>[];
  code?: { path: string; principal: string }[];
};

function issue(span: Span, message: string, code: string): InputIssue {
  return { severity: 'error', file: span.file, line: span.line, column: span.column, message, code };
}

/** An ajv error at the YAML node it is about, worded with the path as written in the file. */
function schemaIssue(error: ErrorObject, document: Document, at: (offset: number) => Span): InputIssue {
  const path = error.instancePath
    .split('/')
    .slice(1)
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((segment) => (/^\d+$/.test(segment) ? Number(segment) : segment));
  const node = document.getIn(path, true);
  const where = path.reduce<string>(
    (text, segment) => (typeof segment === 'number' ? `${text}[${segment}]` : text ? `${text}.${segment}` : segment),
    '',
  );
  let offset = isNode(node) && node.range ? node.range[0] : 0;
  let message: string;
  if (error.keyword === 'additionalProperties') {
    const name = String((error.params as { additionalProperty: string }).additionalProperty);
    if (isMap(node)) {
      const pair = node.items.find((item) => isNode(item.key) && (item.key as { value?: unknown }).value === name);
      if (pair && isNode(pair.key) && pair.key.range) offset = pair.key.range[0];
    }
    message = `${where ? `${where}: ` : ''}unknown key ${JSON.stringify(name)}`;
  } else if (
    error.keyword === 'type' &&
    error.params &&
    (error.params as { type: string }).type === 'string' &&
    typeof error.data === 'number'
  ) {
    message = `${where}: must be a string: quote it ("${String(error.data)}"), or YAML reads it as a number`;
  } else if (error.keyword === 'enum') {
    const allowed = (error.params as { allowedValues: unknown[] }).allowedValues.map((value) => JSON.stringify(value));
    message = `${where}: must be one of ${allowed.join(', ')}`;
  } else if (error.keyword === 'pattern' && (where.endsWith('account') || where.endsWith('region'))) {
    message = `${where}: ${JSON.stringify(error.data)} is not ${where.endsWith('account') ? 'a 12-digit account id' : 'a Region name such as us-east-1'}`;
  } else if (isSeq(node) || error.keyword !== 'pattern') {
    message = `${where || 'the config'}: ${error.message ?? 'is invalid'}`;
  } else {
    message = `${where}: must not be empty`;
  }
  return issue(at(offset), message, `schema-${error.keyword}`);
}

function isCalendarDate(text: string): boolean {
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text);
}
