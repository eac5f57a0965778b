import { describe, expect, it } from 'vitest';
import { formatMatrixMarkdown, GITHUB_COMMENT_LIMIT } from '../../src/report/matrix-markdown.js';
import { largeAccount, many, shared, uncertain } from './matrix-fixtures.js';

const ROLE = (name: string) => `arn:aws:iam::111122223333:role/${name}`;

describe('matrix Markdown', () => {
  it('is a table with a column per model, ✓ ✗ ? and the error causes of each cell', () => {
    const lines = formatMatrixMarkdown(shared()).split('\n');
    expect(lines[0]).toBe('### policy-check scan: 2 of 8 allowed');
    expect(lines).toContain('| Principal | amazon.nova-pro-v1:0 | us.amazon.nova-lite-v1:0 |');
    expect(lines).toContain('| --- | :-: | :-: |');
    expect(lines).toContain('| role App1 | ✗ 1 | ✗ 2 |');
    expect(lines).toContain('| role Chat | ✓ | ✓ |');
    const uncertainLines = formatMatrixMarkdown(uncertain()).split('\n');
    expect(uncertainLines).toContain('| role Office1 | ? |');
    expect(uncertainLines).toContain('| role Legacy | ? |');
  });

  it('has one section per cause, naming its principals, with the shared policy fixed once', () => {
    const text = formatMatrixMarkdown(shared());
    const sections = text.split('\n##### ').slice(1);
    expect(sections).toHaveLength(2);
    for (const principal of ['App1', 'App2', 'Other']) expect(sections[0]).toContain(`- \`${ROLE(principal)}\``);
    expect(sections[0]).not.toContain(ROLE('Chat'));
    expect(sections[0]!.match(/^\*\*Fix/gm)).toHaveLength(1);
    expect(sections[0]).toContain('for 3 principals): add an Allow statement to BedrockReadOnly');
    expect(sections[0]).toMatch(/```json\n\{\n {2}"Sid": /);
    expect(sections[0]).toContain('**Verified:**');
    expect(sections[0]).toContain(
      'Predicted error (for the first principal; each gets its own ARN):\n\n```text\nAccessDeniedException: User: arn:aws:sts::111122223333:assumed-role/App1/SESSION-NAME',
    );
  });

  it('collapses a long list of principals, and escapes names Markdown would read as markup', () => {
    const text = formatMatrixMarkdown(many());
    expect(text).toContain('<details><summary>7 principals</summary>');
    expect(text).toContain('| role a\\_1 | ✗ 1 |');
    // Inside code spans nothing is escaped.
    expect(text).toContain(`- \`${ROLE('a_7')}\``);
  });

  it('lists what could not be evaluated and what was assumed', () => {
    const text = formatMatrixMarkdown(uncertain());
    expect(text).toContain('**Could not be evaluated:**\n\n- arn:aws:iam::aws:policy/AmazonBedrockLegacy: ');
    expect(text).toContain('**Assumptions:**');
  });

  it('is deterministic', () => {
    expect(formatMatrixMarkdown(shared())).toBe(formatMatrixMarkdown(shared()));
  });
});

describe('matrix Markdown of a large account', () => {
  const large = largeAccount(3000);
  const fullText = formatMatrixMarkdown(large, Number.POSITIVE_INFINITY);
  const text = formatMatrixMarkdown(large);
  const lines = text.split('\n');

  it('fits a GitHub comment, keeping the summary and the first causes with their fixes', () => {
    expect(fullText.length).toBeGreaterThan(GITHUB_COMMENT_LIMIT);
    expect(text.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
    expect(lines[0]).toBe(fullText.split('\n')[0]);
    expect(lines[2]).toBe(fullText.split('\n')[2]);
    expect(text).toContain('so it leaves out 2400 of 3000 table rows (principals)');
    expect(text).toContain('The full report is in the JSON (`--format json`) or HTML (`--format html`) report');
    expect(text).toContain('##### 1. ERROR: ');
    expect(text).toMatch(/\*\*Fix(?: 1)?\*\* \(to be made by/);
    expect(text).toContain('600 of 3000 principals shown');
  });

  it('cuts only between whole blocks: every table row, code block and collapsed section is complete', () => {
    expect(lines.filter((line) => line.startsWith('```')).length % 2).toBe(0);
    expect(text.match(/<details>/g)?.length).toBe(text.match(/<\/details>/g)?.length);
    const rows = lines.filter((line) => line.startsWith('| '));
    for (const row of rows) expect(row).toMatch(/^\| .* \|$/);
    // Every row has the header's columns: none was cut.
    for (const row of rows) expect(row.split(' | ')).toHaveLength(3);
    expect(lines.filter((line) => line.startsWith('| role ')).every((line) => line.includes('✗'))).toBe(true);
  });

  it('with less room, lists the causes it cannot show in full, collapsed, and says so', () => {
    const short = formatMatrixMarkdown(large, 20_000);
    expect(short.length).toBeLessThanOrEqual(20_000);
    expect(short).toMatch(/<details><summary>\d+ more causes/);
    expect(short).toMatch(/the details of \d+ of 14 causes/);
  });

  it('leaves a report that fits untouched', () => {
    expect(formatMatrixMarkdown(shared())).toBe(formatMatrixMarkdown(shared(), Number.POSITIVE_INFINITY));
  });
});
