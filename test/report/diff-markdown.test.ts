import { describe, expect, it } from 'vitest';
import { COMMENT_BUDGET, formatDiffMarkdown } from '../../src/report/diff-markdown.js';
import { everyKindReport, manyLostReport, unchangedReport } from './diff-reports.js';

/** The cells of a table row, split on the pipes GitHub splits on (not the escaped ones). */
function cells(line: string): string[] {
  return line
    .slice(1, -1)
    .split(/(?<!\\)\|/)
    .map((cell) => cell.trim());
}

/** Every Markdown table: its lines, which GitHub renders only if each has as many cells as the header. */
function tables(markdown: string): string[][] {
  return markdown
    .split('\n\n')
    .map((block) => block.split('\n').filter((line) => line.startsWith('| ')))
    .filter((lines) => lines.length > 0);
}

describe('diff markdown (a pull-request comment)', () => {
  const markdown = formatDiffMarkdown(everyKindReport());

  it('starts with the summary line', () => {
    expect(markdown.split('\n')[0]).toBe(
      '**policy-check diff: ACCESS LOST** — 3 lost, 1 possibly lost, 2 gained, 1 cause changed, 2 only in NEW, 1 only in OLD (principal × model × Region); fails (--fail-on lost): exit 1',
    );
  });

  it('shows lost and gained open, cause changes and one-sided rows collapsed', () => {
    expect(markdown).toContain('#### Access lost (allowed → denied) — 3');
    expect(markdown).toContain('#### Access gained (denied → allowed) — 2');
    expect(markdown).toContain('<details><summary>Same access, another cause — 1</summary>');
    expect(markdown).toContain('<details><summary>Only in NEW — 1</summary>');
    expect(markdown.match(/<details>/g)?.length).toBe(markdown.match(/<\/details>/g)?.length);
  });

  it('says why in a few words per row, counting the checks', () => {
    expect(markdown).toContain(
      '| allowed → denied | 2 checks: allowed → explicit deny in a service control policy (level Root): Sid DenyRegions |',
    );
    expect(markdown).toContain(
      '| allowed → allowed, but the call fails | finding now: error model-access: ResourceNotFoundException |',
    );
  });

  it('writes tables GitHub renders: every row has the header’s cells', () => {
    const found = tables(markdown);
    expect(found.length).toBeGreaterThanOrEqual(5);
    for (const lines of found) {
      const width = cells(lines[0]!).length;
      for (const line of lines) expect(cells(line), line).toHaveLength(width);
    }
  });

  it('collapses the rows past the visible table', () => {
    const many = formatDiffMarkdown(manyLostReport(25));
    const [visible, rest] = tables(many);
    expect(visible).toHaveLength(2 + 20);
    expect(rest).toHaveLength(2 + 5);
    expect(many).toContain('<details><summary>5 more</summary>');
  });

  it("stays within GitHub's comment limit, counting what it leaves out", () => {
    const huge = formatDiffMarkdown(manyLostReport(1000));
    expect(huge.length).toBeLessThan(65_536);
    expect(huge.length).toBeGreaterThan(COMMENT_BUDGET / 2);
    const shown = tables(huge).reduce((sum, lines) => sum + lines.length - 2, 0);
    const leftOut = Number(
      /_(\d+) more entries are left out to keep this comment within GitHub's limit/.exec(huge)?.[1],
    );
    // Each row is in a table once and in the details once: what is not shown is counted.
    const detailItems = huge.split('\n').filter((line) => line.startsWith('- `')).length;
    expect(shown + detailItems + leftOut).toBe(2000);
    expect(huge).toContain('see `--format json`');
  });

  it('is short when nothing changed', () => {
    expect(formatDiffMarkdown(unchangedReport())).toBe(
      '**policy-check diff: NO CHANGE** — 1 unchanged (principal × model × Region); passes (--fail-on lost): exit 0\n\nOLD `old.json` → NEW `new.json`\n\n<sub>policy-check test</sub>\n',
    );
  });
});
