import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { matrix } from '../../src/analysis/matrix.js';
import type { AccessMatrix } from '../../src/model/index.js';
import { formatMatrixHtml } from '../../src/report/matrix-html.js';
import type { MatrixPageData } from '../../src/report/matrix-html-data.js';
import { MATRIX_REPORTERS, reporterNamed } from '../../src/report/registry.js';
import { account, inlinePolicy, managedPolicy, role, user } from '../helpers/account.js';
import { matrixOptions } from '../helpers/matrix-options.js';
import { doc } from '../helpers/policies.js';

// What a snapshot may hold: names, tags and condition values are the user's, and may contain markup.
const HOSTILE = `</script><script>alert(1)</script><img src=x onerror=alert(2)>&amp;"'`;

const readOnly = managedPolicy('BedrockReadOnly', doc({ Effect: 'Allow', Action: 'bedrock:List*', Resource: '*' }));
const invoke = managedPolicy('BedrockInvoke', doc({ Effect: 'Allow', Action: 'bedrock:InvokeModel*', Resource: '*' }));
const hostile = inlinePolicy(
  'evil',
  HOSTILE,
  doc(
    { Effect: 'Allow', Action: 'bedrock:InvokeModel', Resource: '*' },
    {
      Sid: 'DenyTeam',
      Effect: 'Deny',
      Action: 'bedrock:InvokeModel',
      Resource: '*',
      Condition: { StringEquals: { 'aws:PrincipalTag/team': `<b>${HOSTILE}` } },
    },
  ),
);

const build = (): AccessMatrix =>
  matrix(
    account({
      roles: [role('App1', [readOnly]), role('App2', [readOnly]), role('Chat', [invoke])],
      users: [user(`evil${HOSTILE}`, [hostile], { tags: { team: `<b>${HOSTILE}` } })],
    }),
    matrixOptions(['amazon.nova-pro-v1:0', 'us.amazon.nova-lite-v1:0']),
  );

const sample = build();
const html = formatMatrixHtml(sample);
const dataBlock = /<script type="application\/json" id="matrix-data">([^<]*)<\/script>/.exec(html)?.[1];
const data = JSON.parse(dataBlock ?? 'null') as MatrixPageData;

describe('matrix HTML', () => {
  it('is deterministic: the same matrix, computed twice, gives the same bytes', () => {
    expect(formatMatrixHtml(build())).toBe(html);
  });

  it('has one button per cell, in table order, each pointing at its shared result', () => {
    expect(sample.principals).toHaveLength(4);
    const rows = html.split('<tr data-p=').slice(1);
    expect(rows).toHaveLength(sample.principals.length);
    const results = rows.map((row) => [...row.matchAll(/data-r="(\d+)"/g)].map((match) => Number(match[1])));
    expect(results.flat()).toEqual(sample.cells.map((cell) => cell.result));
    for (const row of results) expect(row).toHaveLength(sample.models.length);
    expect(data.results).toHaveLength(sample.results.length);
    // Lines the explanations share are written once.
    expect(new Set(data.lines).size).toBe(data.lines.length);
    // App1 and App2 share their results: the page holds each explanation once.
    expect(sample.results.length).toBeLessThan(sample.cells.length);
  });

  it('labels every cell in words, not by colour alone', () => {
    const labels = [...html.matchAll(/<button [^>]*aria-label="([^"]+)"[^>]*>([^<]+)<\/button>/g)];
    expect(labels).toHaveLength(sample.cells.length);
    for (const [, label, symbol] of labels)
      expect({ '✓': ['allowed'], '✗': ['denied', 'fails'], '?': ['conditional', 'incomplete'] }[symbol!]).toContain(
        label,
      );
  });

  it('escapes every string from the input: no markup from a name, Sid or tag reaches the page', () => {
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<b>');
    expect(html).not.toContain('alert(1)</script>');
    expect(html.match(/<script/g)).toHaveLength(2);
    expect(html.match(/<\/script>/g)).toHaveLength(2);
    expect(html).toContain(
      'evil&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;&amp;amp;&quot;&#39;',
    );
    // The data block reads back to the very strings the policies hold.
    const evil = data.principals.find((principal) => principal.name.startsWith('evil'));
    expect(evil?.name).toBe(`evil${HOSTILE}`);
    const statements = data.results.flatMap((result) => result.statements);
    expect(statements).toContainEqual(
      expect.objectContaining({ effect: 'Deny', sid: 'DenyTeam', policy: `evil/${HOSTILE}` }),
    );
    // The tag value, as the fix's statement JSON writes it.
    const lines = data.results.flatMap((result) => result.blocks.flat().map((line) => data.lines[line]!));
    expect(lines.some((line) => line.includes(JSON.stringify(`<b>${HOSTILE}`)))).toBe(true);
  });

  it('fetches nothing: no src or href, no url() or @import, and a Content-Security-Policy that forbids loads', () => {
    // Every tag of the page (the data and the script are not markup): none loads anything.
    const markup = html
      .replace(/(<script[^>]*>)[^<]*<\/script>/g, '$1</script>')
      .replace(/<script>[\s\S]*?<\/script>/, '');
    const tags = markup.match(/<[a-z][^>]*>/gi) ?? [];
    expect(tags.length).toBeGreaterThan(sample.cells.length);
    expect(tags.filter((tag) => /\s(src|href|srcset|action|poster|data|formaction)\s*=/i.test(tag))).toEqual([]);
    expect(tags.filter((tag) => /^<(link|img|iframe|object|embed|base|audio|video|source)\b/i.test(tag))).toEqual([]);
    expect(html).not.toMatch(/url\(|@import/i);
    const csp = (/<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1] ?? '').replaceAll(
      '&#39;',
      "'",
    );
    expect(csp).toContain("default-src 'none'");
    // The hashes allow exactly the inline style and script the page holds.
    const sha = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
    const script = /<script>([\s\S]*?)<\/script>/.exec(html)?.[1] ?? '';
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? '';
    expect(csp).toContain(`script-src ${sha(script)}`);
    expect(csp).toContain(`style-src ${sha(style)}`);
  });

  it("keeps the caller out of shared explanations: a placeholder stands for each cell's own ARN", () => {
    const shared = sample.cells.filter((cell) => cell.principal.endsWith('/App2'));
    for (const cell of shared) {
      const detail = JSON.stringify(data.results[cell.result]!.blocks.flat().map((line) => data.lines[line]));
      expect(detail).toContain(data.caller);
      expect(detail).not.toContain('assumed-role/App1/');
      expect(detail).not.toContain('assumed-role/App2/');
    }
  });

  it('names the call the cells stand for when an option changed it, and says nothing otherwise', () => {
    expect(html).not.toContain('id="call"');
    const withOptions = formatMatrixHtml({
      ...sample,
      auth: { method: 'api-key', kind: 'short-term' },
      guardrail: { identifier: `gr1${HOSTILE}`, version: '2' },
      serviceTier: 'flex',
    });
    const call = /<p class="meta" id="call">([^<]*)<\/p>/.exec(withOptions)?.[1];
    expect(call).toBe(
      'Call: Amazon Bedrock API key (short-term), guardrail gr1&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;&amp;amp;&quot;&#39;:2, service tier flex',
    );
  });

  it('is registered as --format html for the matrix', () => {
    const reporter = reporterNamed(MATRIX_REPORTERS, 'html');
    expect(reporter).toMatchObject({ mediaType: 'text/html', extension: '.html', styled: false });
    expect(reporter.format(sample, {})).toBe(html);
  });
});
