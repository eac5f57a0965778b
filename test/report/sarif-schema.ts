// Validates SARIF logs against test/report/sarif-2.1.0.subset.schema.json and GitHub code scanning's
// documented requirements ("SARIF support for code scanning": required properties, limits, fingerprints).
import { readFileSync } from 'node:fs';
import { Ajv, type ErrorObject } from 'ajv';
import { expect } from 'vitest';

const schema = JSON.parse(readFileSync(new URL('./sarif-2.1.0.subset.schema.json', import.meta.url), 'utf8')) as object;

/** RFC 3986 absolute URI: a scheme, then no whitespace. */
const URI = /^[A-Za-z][A-Za-z0-9+.-]*:[^\s]*$/;
/** RFC 3986 URI reference: only unreserved, reserved and percent-encoded characters; a colon before the first slash means a scheme. */
const URI_REFERENCE = /^(?:[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*$/;

// strictRequired is off: the spec's anyOf branches require properties declared beside them, not inside.
const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true });
ajv.addFormat('uri', URI);
ajv.addFormat('uri-reference', (value: string) => {
  if (!URI_REFERENCE.test(value)) return false;
  const firstSegment = value.split(/[/?#]/, 1)[0] ?? '';
  return !firstSegment.includes(':') || URI.test(value);
});
const validate = ajv.compile(schema);

function errorText(errors: readonly ErrorObject[] | null | undefined): string {
  return (errors ?? [])
    .map((error) => `${error.instancePath || '/'} ${error.message ?? ''} ${JSON.stringify(error.params)}`)
    .join('\n');
}

/** A parsed log, navigated freely by the tests. */
// biome-ignore lint/suspicious/noExplicitAny: tests navigate arbitrary SARIF paths; the schema checks the shape
export type SarifLog = any;

/** Schema validity alone, for tests that the subset rejects what SARIF forbids. */
export function isSchemaValid(log: unknown): boolean {
  return validate(log) === true;
}

/** Parses the formatter's output and asserts schema validity and GitHub's requirements. */
export function parseSarif(text: string): SarifLog {
  expect(text.endsWith('}\n')).toBe(true);
  const log = JSON.parse(text) as SarifLog;
  expect(validate(log), errorText(validate.errors)).toBe(true);
  expectGitHubRequirements(log);
  return log;
}

const nonEmpty = (value: unknown) => typeof value === 'string' && value.trim() !== '';

function expectGitHubRequirements(log: SarifLog): void {
  expect(log.$schema).toBe('https://json.schemastore.org/sarif-2.1.0.json');
  expect(log.version).toBe('2.1.0');
  expect(log.runs).toHaveLength(1);
  const [run] = log.runs;
  expect(nonEmpty(run.tool.driver.name)).toBe(true);
  expect(Array.isArray(run.tool.driver.rules)).toBe(true);
  expect(Array.isArray(run.results)).toBe(true);
  for (const rule of run.tool.driver.rules) {
    expect(nonEmpty(rule.id)).toBe(true);
    expect(rule.name.length).toBeLessThanOrEqual(255);
    for (const text of [rule.shortDescription.text, rule.fullDescription.text]) {
      expect(nonEmpty(text)).toBe(true);
      expect(text.length).toBeLessThanOrEqual(1024);
    }
    expect(nonEmpty(rule.help.text)).toBe(true);
    expect(nonEmpty(rule.help.markdown)).toBe(true);
    expect(['note', 'warning', 'error']).toContain(rule.defaultConfiguration.level);
    // Only security rules carry it; these are not vulnerabilities.
    expect(rule.properties?.['security-severity']).toBeUndefined();
  }
  for (const result of run.results) {
    expect(nonEmpty(result.message.text)).toBe(true);
    expect(result.locations.length).toBeGreaterThanOrEqual(1);
    expect(result.locations.length).toBeLessThanOrEqual(10);
    for (const location of result.locations) {
      expect(nonEmpty(location.physicalLocation.artifactLocation.uri)).toBe(true);
      expect(location.physicalLocation.region.startLine).toBeGreaterThanOrEqual(1);
    }
    expect(nonEmpty(result.partialFingerprints.primaryLocationLineHash)).toBe(true);
    if (result.ruleIndex !== undefined) expect(run.tool.driver.rules[result.ruleIndex].id).toBe(result.ruleId);
  }
}
