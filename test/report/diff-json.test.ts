import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { ACCESS_CHANGE_KINDS, DIFF_FAIL_ON } from '../../src/model/index.js';
import { formatDiffJson } from '../../src/report/diff-json.js';
import { formatDiffMarkdown } from '../../src/report/diff-markdown.js';
import { formatDiffText } from '../../src/report/diff-text.js';
import { DIFF_REPORTERS, reporterNamed } from '../../src/report/registry.js';
import { everyKindReport, unchangedReport } from './diff-reports.js';

const schema = (name: string): { definitions: Record<string, { enum?: string[] }> } & Record<string, unknown> =>
  JSON.parse(readFileSync(new URL(`../../schemas/${name}`, import.meta.url), 'utf8'));
const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
ajv.addSchema(schema('report.schema.json'));
const diffSchema = schema('diff.schema.json');
const validate = ajv.compile(diffSchema);

describe('diff JSON', () => {
  it('is valid against schemas/diff.schema.json, with every kind of change', () => {
    const document = JSON.parse(formatDiffJson(everyKindReport()));
    expect(validate(document), ajv.errorsText(validate.errors)).toBe(true);
    expect(document).toMatchObject({ schemaVersion: 1, kind: 'diff', failOn: ['lost'], fails: true });
    expect(new Set(document.rows.flatMap((row: { changes: string[] }) => row.changes))).toEqual(
      new Set(['lost', 'possibly-lost', 'gained', 'cause-changed', 'added', 'removed']),
    );
    const unchanged = JSON.parse(formatDiffJson(unchangedReport()));
    expect(validate(unchanged), ajv.errorsText(validate.errors)).toBe(true);
    expect(unchanged).toMatchObject({ rows: [], fails: false, summary: { unchanged: 1 } });
  });

  it('can fail: a row without its changes is refused', () => {
    const document = JSON.parse(formatDiffJson(everyKindReport()));
    document.rows[0].changes = [];
    expect(validate(document)).toBe(false);
  });

  it('lists the same kinds of change and --fail-on values as the code', () => {
    expect(diffSchema.definitions.changeKind!.enum).toEqual([...ACCESS_CHANGE_KINDS]);
    const failOn = (diffSchema.properties as { failOn: { items: { enum: string[] } } }).failOn;
    expect(failOn.items.enum).toEqual([...DIFF_FAIL_ON]);
  });

  it('is what the registry writes for --format json, as text and markdown are', () => {
    const report = everyKindReport();
    expect(reporterNamed(DIFF_REPORTERS, 'json').format(report, {})).toBe(formatDiffJson(report));
    expect(reporterNamed(DIFF_REPORTERS, 'text').format(report, {})).toBe(formatDiffText(report));
    expect(reporterNamed(DIFF_REPORTERS, 'markdown').format(report, {})).toBe(formatDiffMarkdown(report));
  });

  it('is deterministic, with failOn sorted and deduplicated', () => {
    expect(formatDiffJson(everyKindReport(['lost', 'gained', 'lost']))).toBe(
      formatDiffJson(everyKindReport(['gained', 'lost'])),
    );
    expect(JSON.parse(formatDiffJson(everyKindReport(['lost', 'gained', 'lost']))).failOn).toEqual(['gained', 'lost']);
  });
});
