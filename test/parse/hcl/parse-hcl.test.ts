import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createHclParser, type HclExpression } from '../../../src/parse/index.js';

// The paths the CLI bundle (dist/cli.cjs) resolves the WASM files from: node_modules seen from dist/.
const fromBundle = createRequire(pathToFileURL(join(process.cwd(), 'dist', 'cli.cjs')).href);
const runtimePath = fromBundle.resolve('web-tree-sitter/web-tree-sitter.wasm');
const grammarPath = fromBundle.resolve('@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-terraform.wasm');

describe('parse/hcl', async () => {
  const parser = await createHclParser(await readFile(runtimePath), await readFile(grammarPath));
  const attribute = (text: string): HclExpression => {
    const result = parser.parse(text, 'main.tf');
    expect(result.issues).toEqual([]);
    return result.body!.attributes[0]!.value;
  };

  it('loads both WASM files from where the bundle in dist/ finds them', () => {
    expect(runtimePath).toMatch(/node_modules[\\/]web-tree-sitter[\\/]web-tree-sitter\.wasm$/);
    expect(grammarPath).toMatch(/tree-sitter-hcl[\\/]tree-sitter-terraform\.wasm$/);
  });

  it('reads blocks with labels, nested blocks and lines', () => {
    const result = parser.parse(
      '\n\nresource "aws_iam_role" "x" {\n  name = "a"\n  inline_policy {\n    name = "b"\n  }\n}\n',
      'main.tf',
    );
    const block = result.body!.blocks[0]!;
    expect(block).toMatchObject({ type: 'resource', labels: ['aws_iam_role', 'x'], range: { line: 3, endLine: 8 } });
    expect(block.body.attributes[0]).toMatchObject({ name: 'name', range: { line: 4 } });
    expect(block.body.blocks[0]).toMatchObject({ type: 'inline_policy', range: { line: 5 } });
  });

  it('decodes escapes of quoted templates and keeps interpolations apart', () => {
    const value = attribute('a = "x\\n\\"${var.y}\\u0041$${z}"\n');
    expect(value.kind).toBe('template');
    if (value.kind !== 'template') return;
    expect(value.parts.map((p) => (p.kind === 'text' ? p.text : p.kind))).toEqual(['x\n"', 'interpolation', 'A${z}']);
  });

  it('reads traversals with attributes, indexes and splats', () => {
    const value = attribute('a = aws_iam_role.x[0].arn\n');
    expect(value).toMatchObject({ kind: 'traversal', root: 'aws_iam_role' });
    if (value.kind !== 'traversal') return;
    expect(value.steps.map((s) => s.kind)).toEqual(['attr', 'index', 'attr']);
    expect(attribute('a = x[*].y\n')).toMatchObject({
      kind: 'traversal',
      steps: [{ kind: 'splat' }, { kind: 'attr', name: 'y' }],
    });
  });

  it('strips the indentation of a <<- heredoc and gives the line of its first content line', () => {
    const value = attribute('a = <<-EOT\n    {\n      "k": 1\n    }\n  EOT\n');
    expect(value).toMatchObject({ kind: 'template', heredocLine: 2 });
    if (value.kind !== 'template') return;
    expect(value.parts).toEqual([{ kind: 'text', text: '{\n  "k": 1\n}\n' }]);
  });

  it('keeps text around interpolations of a heredoc exact, past characters outside ASCII', () => {
    const value = attribute('a = <<EOT\n  é${x}b\nEOT\n');
    if (value.kind !== 'template') throw new Error(value.kind);
    expect(value.parts.map((p) => (p.kind === 'text' ? p.text : p.kind))).toEqual(['  é', 'interpolation', 'b\n']);
  });

  it('reads calls, conditionals, operators and for expressions', () => {
    expect(attribute('a = concat(x, y...)\n')).toMatchObject({ kind: 'call', name: 'concat', expand: true });
    expect(attribute('a = x ? 1 : 2\n')).toMatchObject({ kind: 'conditional' });
    expect(attribute('a = !x\n')).toMatchObject({ kind: 'unary', operator: '!' });
    expect(attribute('a = 1 + 2\n')).toMatchObject({ kind: 'binary', operator: '+' });
    expect(attribute('a = { for k, v in m : k => v }\n')).toMatchObject({
      kind: 'for',
      object: true,
      keyName: 'k',
      valueName: 'v',
    });
  });

  it('reports a syntax error with its line', () => {
    const result = parser.parse('a = 1\nb = \n', 'bad.tf');
    expect(result.body).toBeUndefined();
    expect(result.issues[0]).toMatchObject({ file: 'bad.tf', severity: 'error', code: 'hcl-syntax' });
  });
});
