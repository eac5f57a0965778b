// The words of report messages live in report/words/, one table per kind; the JSON schemas list the codes.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { message } from '../../../src/model/index.js';
import { renderCliHints } from '../../../src/report/cli-hints.js';
import { ASSUMPTION_WORDS } from '../../../src/report/words/assumption-words.js';
import { DEPENDS_ON_WORDS } from '../../../src/report/words/depends-on-words.js';
import { FINDING_WORDS } from '../../../src/report/words/finding-words.js';
import { ALTERNATIVE_WORDS, FIX_DETAIL_WORDS, FIX_WORDS } from '../../../src/report/words/fix-words.js';
import { IAC_FINDING_WORDS } from '../../../src/report/words/iac-finding-words.js';
import { MESSAGE_WORDS } from '../../../src/report/words/message-words.js';
import { NOTE_WORDS } from '../../../src/report/words/note-words.js';
import { UNRESOLVED_WORDS } from '../../../src/report/words/unresolved-words.js';

const REPORT_SCHEMA = JSON.parse(readFileSync(new URL('../../../schemas/report.schema.json', import.meta.url), 'utf8'));
const IAC_SCHEMA = JSON.parse(readFileSync(new URL('../../../schemas/iac.schema.json', import.meta.url), 'utf8'));

const TABLES = {
  assumptionMessage: ASSUMPTION_WORDS,
  noteMessage: NOTE_WORDS,
  unresolvedMessage: UNRESOLVED_WORDS,
  dependsOnMessage: DEPENDS_ON_WORDS,
  fixDetailMessage: FIX_DETAIL_WORDS,
  alternativeMessage: ALTERNATIVE_WORDS,
} as const;

describe('report message words', () => {
  it.each(Object.entries(TABLES))('schemas/report.schema.json lists the codes of %s, and only those', (name, table) => {
    const codes = REPORT_SCHEMA.definitions[name].properties.code.enum as string[];
    expect([...codes].sort()).toEqual(Object.keys(table).sort());
  });

  it.each([
    ['finding', FINDING_WORDS],
    ['fix', FIX_WORDS],
  ] as const)('schemas/report.schema.json lists the codes of every %s that is data, and only those', (name, table) => {
    const codes = REPORT_SCHEMA.definitions[name].properties.code.enum as string[];
    expect([...codes].sort()).toEqual(Object.keys(table).sort());
  });

  it('schemas/iac.schema.json lists the codes of every IaC finding, and only those', () => {
    const codes = IAC_SCHEMA.definitions.finding.properties.code.enum as string[];
    expect([...codes].sort()).toEqual(Object.keys(IAC_FINDING_WORDS).sort());
  });

  it('an IaC finding code is no finding, fix or message code, so it is worded as an IaC finding', () => {
    const others = new Set([...Object.keys(FINDING_WORDS), ...Object.keys(FIX_WORDS), ...Object.keys(MESSAGE_WORDS)]);
    expect(Object.keys(IAC_FINDING_WORDS).filter((code) => others.has(code))).toEqual([]);
  });

  it('no code is used by two kinds, so a message is worded the same wherever it stands', () => {
    const all = Object.values(TABLES).flatMap((table) => Object.keys(table));
    expect(new Set(all).size).toBe(all.length);
    expect(Object.keys(MESSAGE_WORDS).sort()).toEqual([...all].sort());
  });

  it('renders a message wherever it stands in plain data, and leaves other objects with a code alone', () => {
    const issue = { code: 'json-syntax', params: { note: 'not a report message' } };
    const data = {
      notes: [message('root-user', { policiesIgnored: false })],
      outcome: { dependsOn: message('caller-account') },
      issue,
    };
    expect(renderCliHints(data)).toEqual({
      notes: ['the caller is the account root user: it has full access unless an SCP denies it'],
      outcome: { dependsOn: "depending on the caller's account (pass --principal)" },
      issue,
    });
  });
});
