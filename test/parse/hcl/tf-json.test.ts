// Terraform's JSON configuration syntax read into the HCL tree, each element at its line.
// https://developer.hashicorp.com/terraform/language/syntax/json
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { createHclParser, parseTfJson, parseTfvarsJson } from '../../../src/parse/index.js';

const require = createRequire(import.meta.url);

describe('parse/hcl/tf-json', async () => {
  const parser = await createHclParser(
    await readFile(require.resolve('web-tree-sitter/web-tree-sitter.wasm')),
    await readFile(require.resolve('@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-terraform.wasm')),
  );
  const text = [
    '{',
    '  "//": "a comment",',
    '  "variable": { "models": { "default": ["${not.a.template}"] } },',
    '  "resource": {',
    '    "aws_iam_role": {',
    '      "app": {',
    '        "name": "app-${var.env}",',
    '        "count": "${length(var.models)}",',
    '        "inline_policy": [',
    '          { "name": "a", "policy": "${jsonencode({ Action = \\"bedrock:InvokeModel\\" })}" }',
    '        ]',
    '      }',
    '    }',
    '  },',
    '  "module": { "team": { "source": "./modules/${team}" } }',
    '}',
  ].join('\n');

  it('reads blocks with their labels and lines, nested blocks apart from arguments, comments left out', () => {
    const { body, issues } = parseTfJson(text, 'main.tf.json', parser);
    expect(issues).toEqual([]);
    expect(body!.blocks.map((block) => [block.type, block.labels, block.range.line])).toEqual([
      ['variable', ['models'], 3],
      ['resource', ['aws_iam_role', 'app'], 6],
      ['module', ['team'], 15],
    ]);
    const role = body!.blocks[1]!;
    expect(role.body.attributes.map((attribute) => [attribute.name, attribute.range.line])).toEqual([
      ['name', 7],
      ['count', 8],
    ]);
    expect(role.body.blocks.map((block) => [block.type, block.range.line])).toEqual([['inline_policy', 10]]);
  });

  it('reads strings as templates; one interpolation alone is its expression, not text', () => {
    const role = parseTfJson(text, 'main.tf.json', parser).body!.blocks[1]!;
    const [name, count] = role.body.attributes;
    expect(name!.value).toMatchObject({ kind: 'template', range: { line: 7 } });
    expect(name!.value.kind === 'template' && name!.value.parts.map((part) => part.kind)).toEqual([
      'text',
      'interpolation',
    ]);
    expect(count!.value).toMatchObject({ kind: 'call', name: 'length', range: { line: 8 } });
    const policy = role.body.blocks[0]!.body.attributes.find((attribute) => attribute.name === 'policy')!;
    // The quotes inside the interpolation are the JSON string's escaped quotes, read as HCL strings.
    expect(policy.value).toMatchObject({ kind: 'call', name: 'jsonencode', range: { line: 10 } });
  });

  it("takes a variable's default and a module's source literally", () => {
    const { body } = parseTfJson(text, 'main.tf.json', parser);
    const fallback = body!.blocks[0]!.body.attributes[0]!.value;
    expect(fallback).toMatchObject({ kind: 'tuple', items: [{ kind: 'literal', value: '${not.a.template}' }] });
    expect(body!.blocks[2]!.body.attributes[0]!.value).toMatchObject({ kind: 'literal', value: './modules/${team}' });
  });

  it('reports a JSON syntax error and a block that is no object at their lines', () => {
    expect(parseTfJson('{\n  "resource": {\n}', 'bad.tf.json', parser).issues[0]).toMatchObject({
      severity: 'error',
      file: 'bad.tf.json',
      line: 3,
    });
    expect(parseTfJson('{\n  "resource": {\n    "aws_iam_role": ["x"]\n  }\n}', 'bad.tf.json', parser).issues).toEqual([
      expect.objectContaining({
        severity: 'error',
        line: 3,
        code: 'tf-json-structure',
        message: expect.stringContaining('resource.aws_iam_role'),
      }),
    ]);
  });

  it('reports a string that is no valid template at its line, as Terraform rejects it', () => {
    const bad = '{\n  "locals": {\n    "x": "${jsonencode(}"\n  }\n}';
    expect(parseTfJson(bad, 'main.tf.json', parser)).toEqual({
      issues: [expect.objectContaining({ severity: 'error', line: 3, column: 10, code: 'hcl-syntax' })],
    });
  });

  it('reads .tfvars.json values literally, each at its line', () => {
    const { body } = parseTfvarsJson('{\n  "env": "prod",\n  "models": ["${x}"]\n}', 'prod.tfvars.json', parser);
    expect(body!.attributes.map((attribute) => [attribute.name, attribute.range.line, attribute.value.kind])).toEqual([
      ['env', 2, 'literal'],
      ['models', 3, 'tuple'],
    ]);
  });
});
