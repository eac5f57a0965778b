// Issue 7, item 3: a scan's report words every hint with scan's own options (it has no --principal, no
// --profile-regions, no --boundary); what only one principal's check sets, it names that command for.
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { foreignFlags } from '../helpers/option-flags.js';
import { EXAMPLES, requireBuiltCli, runCli } from './helpers.js';

const GAAD_FOLDER = join(EXAMPLES, 'account-gaad');
const DIFF_FOLDER = join(EXAMPLES, 'diff-scp-region-deny');
// The catalog's destination Regions of a US profile: on main the note said "--profile-regions overrides them".
const OVERRIDE = '`policy-check check --snapshot FILE --principal ARN --profile-regions R1,R2,…` overrides them';

beforeAll(requireBuiltCli);

describe('scan names only its own options, or the command that has the option', () => {
  for (const format of ['text', 'markdown', 'json', 'html', 'sarif'])
    it(`--format ${format}`, () => {
      const run = runCli(
        [
          'scan',
          '--snapshot',
          'gaad.json',
          '--scp-levels',
          'scp-levels.json',
          '--region',
          'us-east-1',
          '--format',
          format,
        ],
        { cwd: GAAD_FOLDER },
      );
      expect(run.code).toBe(1);
      expect(run.stderr).toBe('');
      // Markdown escapes the backticks of a note.
      if (format !== 'sarif') expect(run.stdout.replaceAll('\\`', '`')).toContain(OVERRIDE);
      expect(foreignFlags(run.stdout, 'scan')).toEqual([]);
    });
});

describe('diff of two snapshots names only its own options', () => {
  for (const format of ['text', 'markdown', 'json'])
    it(`--format ${format}`, () => {
      const run = runCli(['diff', 'old/snapshot.json', 'new/snapshot.json', '--format', format], { cwd: DIFF_FOLDER });
      expect(run.code).toBe(1);
      expect(foreignFlags(run.stdout, 'diff')).toEqual([]);
    });
});
