import { describe, expect, it } from 'vitest';
import { markStdinArguments } from '../../src/cli/stdin-argument.js';
import { STDIN_ARGUMENT } from '../../src/sources/policy-files.js';

describe('markStdinArguments', () => {
  it('marks a "-" that stands for a policy file, positional or option value', () => {
    expect(markStdinArguments(['-', '--model', 'm', '--boundary', '-', '--scp', 'a.json', '-'])).toEqual([
      STDIN_ARGUMENT,
      '--model',
      'm',
      '--boundary',
      STDIN_ARGUMENT,
      '--scp',
      'a.json',
      STDIN_ARGUMENT,
    ]);
  });

  it("leaves a '-' given to an option that takes no file to that option's own validation", () => {
    expect(markStdinArguments(['p.json', '--model', '-', '--output', '-'])).toEqual([
      'p.json',
      '--model',
      '-',
      '--output',
      '-',
    ]);
  });

  it('after "--" every "-" is a file', () => {
    expect(markStdinArguments(['--model', 'm', '--', '-'])).toEqual(['--model', 'm', '--', STDIN_ARGUMENT]);
  });
});
