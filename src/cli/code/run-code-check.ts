import { dependencyFindings } from '../../diagnose/rules/sdk-too-old/dependency-findings.js';
import { misdirectedCallFindings } from '../../diagnose/rules/wrong-api/code-findings.js';
import {
  type Finding,
  type InferenceCall,
  type InputIssue,
  type ModelIdUse,
  type PackageRequirement,
  type SdkUse,
  type MisdirectedCall,
  sortInputIssues,
} from '../../model/index.js';
import { codeLanguageOf } from '../../parse/code/code-language.js';
import { jsFacts } from '../../parse/code/js-code.js';
import { pythonFacts } from '../../parse/code/python-code.js';
import { loadGrammars } from '../../parse/code/tree-sitter.js';
import { isManifestFile, readManifest } from '../../parse/manifests/read-manifest.js';
import { renderCliHints } from '../../report/cli-hints.js';
import { grammarBinaries } from '../../sources/code/grammar-files.js';
import { isCodeCheckFile, readCodeFiles } from '../../sources/code/read-code-files.js';
import type { CodeCheck, CodeFile } from './check-code.js';

export async function runRepositoryCodeCheck(
  root: string,
  paths: readonly string[],
): Promise<CodeCheck & { readonly files: readonly string[] }> {
  const files = await readCodeFiles(root, paths.filter(isCodeCheckFile));
  return { ...(await runCodeCheck(files)), files: files.map((file) => file.path) };
}

export async function runCodeCheck(files: readonly CodeFile[]): Promise<CodeCheck> {
  const byPath = new Map(files.map((file) => [file.path, file.text]));
  const requirements: PackageRequirement[] = [];
  const issues: InputIssue[] = [];
  const readAsRequirements = new Set<string>();
  const readManifests = (path: string, text: string, asRequirements: boolean) => {
    const content = readManifest(path, text, asRequirements);
    requirements.push(...content.requirements);
    issues.push(...content.issues);
    for (const include of content.includes) {
      const included = byPath.get(include.path);
      if (included === undefined) {
        issues.push({
          severity: 'warning',
          file: path,
          line: include.line,
          column: 1,
          code: 'include-not-read',
          message: `${include.path} is not among the files read (outside the repository or missing): its requirements are not checked`,
        });
      } else if (!isManifestFile(include.path) && !readAsRequirements.has(include.path)) {
        readAsRequirements.add(include.path);
        readManifests(include.path, included, true);
      }
    }
  };
  for (const file of files) {
    if (isManifestFile(file.path)) readManifests(file.path, file.text, false);
  }

  const calls: MisdirectedCall[] = [];
  const uses: SdkUse[] = [];
  const modelIds: ModelIdUse[] = [];
  const inferenceCalls: InferenceCall[] = [];
  const code = files.flatMap((file) => {
    const language = codeLanguageOf(file.path);
    return language ? [{ ...file, language }] : [];
  });
  if (code.length > 0) {
    const grammars = await loadGrammars(await grammarBinaries());
    for (const file of code) {
      const tree = grammars.parse(file.path, file.language, file.text);
      try {
        const facts = file.language === 'python' ? pythonFacts(file.path, tree.root) : jsFacts(file.path, tree.root);
        calls.push(...facts.misdirectedCalls);
        uses.push(...facts.sdkUses);
        modelIds.push(...facts.modelIds);
        inferenceCalls.push(...facts.inferenceCalls);
        issues.push(...tree.issues);
      } finally {
        tree.done();
      }
    }
  }

  // The findings stay data, which the IaC findings quote; each title in words orders them and names each in its IaC
  // fingerprint (diagnose/iac-rules/code-findings.ts).
  const findings = [...misdirectedCallFindings(calls), ...dependencyFindings(requirements, uses)].map((finding) => ({
    ...finding,
    title: renderCliHints(finding).title,
  }));
  return {
    findings: findings.sort(compareFindings),
    issues: sortInputIssues(issues),
    modelIds: modelIds.sort((a, b) => compareText(a.file, b.file) || a.line - b.line || a.column - b.column),
    inferenceCalls: inferenceCalls.sort(
      (a, b) => compareText(a.at.file, b.at.file) || a.at.line - b.at.line || a.at.column - b.at.column,
    ),
  };
}

function compareFindings(a: Finding, b: Finding): number {
  const [first, second] = [a.locations[0], b.locations[0]];
  return (
    compareText(first?.file ?? '', second?.file ?? '') ||
    (first?.line ?? 0) - (second?.line ?? 0) ||
    (first?.column ?? 0) - (second?.column ?? 0) ||
    compareText(a.rule, b.rule) ||
    compareText(a.title ?? '', b.title ?? '')
  );
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
