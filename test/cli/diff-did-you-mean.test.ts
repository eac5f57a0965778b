// A misspelt flag of `policy-check diff` is matched against diff's own options (the options table), not every
// command's: on main `--modell` suggested check's --model, and `--snapshot` (a scan option) "did you mean --snapshot?".
import { beforeAll, describe, expect, it } from 'vitest';
import { requireBuiltCli, runCli } from './helpers.js';

beforeAll(requireBuiltCli);

describe('diff: did-you-mean offers only its own options', () => {
  it.each([
    ['--fail-onn', 'policy-check: unknown option --fail-onn; did you mean --fail-on?'],
    ['--modell', 'policy-check: unknown option --modell; did you mean --models?'],
    ['--principall', 'policy-check: unknown option --principall; did you mean --principals?'],
    ['--snapshot', 'policy-check: unknown option --snapshot'],
  ])('%s', (flag, expected) => {
    const run = runCli(['diff', 'a.json', 'b.json', flag, 'lost']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.trimEnd()).toBe(expected);
  });
});
