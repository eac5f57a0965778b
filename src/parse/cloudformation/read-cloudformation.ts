import { type IacFragment, type InputIssue, sortInputIssues } from '../../model/index.js';
import { parseJsonDocument } from '../json-with-spans.js';
import { cdkStacks } from './cdk-manifest.js';
import { readIamResources } from './iam-resources.js';
import { readOrganizationResources } from './organization-resources.js';
import type { TemplateInputs } from './pseudo-parameters.js';
import { TemplateReader } from './template-reader.js';
import { templateSections } from './template-sections.js';
import { parseYamlTemplate } from './yaml-template.js';
import { readVpcEndpointResources } from './vpc-endpoint-resources.js';

export interface CloudFormationOptions {
  /** Values for the templates' Parameters (they override a Default). */
  readonly parameters?: Readonly<Record<string, string>>;
  readonly region?: string;
  readonly accountId?: string;
}

export interface TemplateFile {
  /** Repository-relative. */
  readonly path: string;
  readonly text: string;
}

/**
 * The principals, policies, SCPs and organization nodes of CloudFormation templates (JSON or YAML), or
 * of a CDK cloud assembly when the files hold its `manifest.json` (then the format is `cdk`, the stacks
 * are those the manifest lists, and addresses are construct paths). Never throws: a bad template is an
 * error in `issues` at its file and line.
 */
export function readCloudFormation(files: readonly TemplateFile[], options: CloudFormationOptions): IacFragment {
  const issues: InputIssue[] = [];
  const texts = new Map(files.map((file) => [file.path, file.text]));
  const manifests = files.filter((file) => /(^|\/)manifest\.json$/.test(file.path)).map((file) => file.path);
  const cdk = manifests.length > 0;
  const templates = cdk
    ? manifests
        .filter((path) => !manifests.some((other) => other !== path && isNestedIn(path, other)))
        .flatMap((path) => cdkStacks(path, texts, issues))
        .map((stack) => ({
          path: stack.templatePath,
          inputs: {
            ...stackInputs(options),
            ...(stack.stackName !== undefined ? { stackName: stack.stackName } : {}),
            // A stack bound to an environment deploys there, whatever the repository's default.
            ...(stack.accountId ? { accountId: stack.accountId } : {}),
            ...(stack.region ? { region: stack.region } : {}),
          },
        }))
    : files.map((file) => ({ path: file.path, inputs: stackInputs(options) }));
  const users: IacFragment['users'][number][] = [];
  const groups: IacFragment['groups'][number][] = [];
  const roles: IacFragment['roles'][number][] = [];
  const managedPolicies: IacFragment['managedPolicies'][number][] = [];
  const scps: IacFragment['scps'][number][] = [];
  const organizationNodes: IacFragment['organizationNodes'][number][] = [];
  const unknowns: IacFragment['unknowns'][number][] = [];
  const vpcEndpoints: NonNullable<IacFragment['vpcEndpoints']>[number][] = [];
  for (const template of templates) {
    const text = texts.get(template.path) ?? '';
    const parsed = isJson(template.path, text)
      ? parseJsonDocument(text, template.path)
      : parseYamlTemplate(text, template.path);
    issues.push(...parsed.issues);
    if (!parsed.document) continue;
    const { sections, issues: sectionIssues } = templateSections(parsed.document);
    issues.push(...sectionIssues);
    if (!sections) continue;
    const reader = new TemplateReader(sections, template.inputs, cdk);
    const iam = readIamResources(reader, template.inputs);
    const organization = readOrganizationResources(reader);
    users.push(...iam.users);
    groups.push(...iam.groups);
    roles.push(...iam.roles);
    managedPolicies.push(...iam.managedPolicies);
    scps.push(...organization.scps);
    organizationNodes.push(...organization.organizationNodes);
    vpcEndpoints.push(...readVpcEndpointResources(reader));
    unknowns.push(...reader.unknowns);
    issues.push(...reader.issues);
  }
  return {
    format: cdk ? 'cdk' : 'cloudformation',
    users: byPlace(users),
    groups: byPlace(groups),
    roles: byPlace(roles),
    managedPolicies,
    scps: byPlace(scps),
    organizationNodes: byPlace(organizationNodes),
    ...(vpcEndpoints.length > 0 ? { vpcEndpoints: byPlace(vpcEndpoints) } : {}),
    unknowns: unknowns.sort(
      (a, b) =>
        compareText(a.span.file, b.span.file) ||
        a.span.line - b.span.line ||
        a.span.column - b.span.column ||
        compareText(a.affects, b.affects),
    ),
    issues: sortInputIssues(dedupe(issues)),
  };
}

function stackInputs(options: CloudFormationOptions): TemplateInputs {
  return {
    ...(options.parameters ? { parameters: options.parameters } : {}),
    ...(options.region !== undefined ? { region: options.region } : {}),
    ...(options.accountId !== undefined ? { accountId: options.accountId } : {}),
  };
}

function isNestedIn(path: string, other: string): boolean {
  const directory = other.slice(0, other.lastIndexOf('/') + 1);
  return path.startsWith(directory) && path.length > other.length;
}

function isJson(path: string, text: string): boolean {
  return path.endsWith('.json') || text.trimStart().startsWith('{');
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function byPlace<T extends { readonly declaredAt: { file: string; line: number; column: number } }>(items: T[]): T[] {
  return items.sort(
    (a, b) =>
      compareText(a.declaredAt.file, b.declaredAt.file) ||
      a.declaredAt.line - b.declaredAt.line ||
      a.declaredAt.column - b.declaredAt.column,
  );
}

/** A resource read by two readers (its Condition, say) reports a problem once. */
function dedupe(issues: readonly InputIssue[]): InputIssue[] {
  const seen = new Set<string>();
  return issues.filter((issue) => {
    const key = `${issue.file}:${issue.line}:${issue.column}:${issue.code}:${issue.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
