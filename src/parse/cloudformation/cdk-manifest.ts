import type { InputIssue } from '../../model/index.js';
import { errorAt } from '../issue-factory.js';
import { findProperty, type JsonNode } from '../json-tree.js';
import { parseJsonDocument } from '../json-with-spans.js';
import { quoteToken } from '../quote-token.js';

/** One stack of a CDK cloud assembly: its template file and where it deploys, when the app fixes it. */
export interface CdkStack {
  readonly templatePath: string;
  readonly stackName?: string;
  readonly accountId?: string;
  readonly region?: string;
}

/**
 * The stacks a cloud assembly manifest (`cdk.out/manifest.json`) lists, nested assemblies (CDK stages)
 * followed through the manifests among `files`. Paths are relative to the repository, as the files are.
 * https://docs.aws.amazon.com/cdk/api/v2/docs/cloud-assembly-schema-readme.html
 */
export function cdkStacks(
  manifestPath: string,
  files: ReadonlyMap<string, string>,
  issues: InputIssue[],
  seen = new Set<string>(),
): CdkStack[] {
  const text = files.get(manifestPath);
  if (text === undefined || seen.has(manifestPath)) return [];
  seen.add(manifestPath);
  const parsed = parseJsonDocument(text, manifestPath);
  issues.push(...parsed.issues);
  const root = parsed.document?.root;
  const artifacts = root?.kind === 'object' ? findProperty(root, 'artifacts')?.value : undefined;
  if (artifacts?.kind !== 'object') return [];
  const directory = manifestPath.includes('/') ? manifestPath.slice(0, manifestPath.lastIndexOf('/') + 1) : '';
  const stacks: CdkStack[] = [];
  for (const { value: artifact } of artifacts.properties) {
    if (artifact.kind !== 'object') continue;
    const type = stringAt(artifact, 'type');
    const properties = findProperty(artifact, 'properties')?.value;
    if (properties?.kind !== 'object') continue;
    if (type === 'aws:cloudformation:stack') {
      const templateFile = stringAt(properties, 'templateFile');
      if (templateFile === undefined) continue;
      const templatePath = `${directory}${templateFile}`;
      if (!files.has(templatePath)) {
        const message = `the manifest lists template ${quoteToken(templateFile)}, which is not in the cloud assembly`;
        issues.push(errorAt(manifestPath, properties, 'cdk-manifest', message));
        continue;
      }
      const environment = /^aws:\/\/(\d{12}|[^/]*)\/(.+)$/.exec(stringAt(artifact, 'environment') ?? '');
      const stackName = stringAt(properties, 'stackName');
      const accountId = environment?.[1];
      const region = environment?.[2];
      stacks.push({
        templatePath,
        ...(stackName !== undefined ? { stackName } : {}),
        ...(accountId && /^\d{12}$/.test(accountId) ? { accountId } : {}),
        ...(region && region !== 'unknown-region' ? { region } : {}),
      });
    } else if (type === 'cdk:cloud-assembly') {
      const nested = stringAt(properties, 'directoryName');
      if (nested !== undefined) stacks.push(...cdkStacks(`${directory}${nested}/manifest.json`, files, issues, seen));
    }
  }
  return stacks;
}

function stringAt(node: JsonNode, key: string): string | undefined {
  const value = node.kind === 'object' ? findProperty(node, key)?.value : undefined;
  return value?.kind === 'string' ? value.value : undefined;
}
