// Issue 7, item 3: each command words a hint in its own vocabulary, so that no report names a flag its command lacks
// (a live scan has no --principal). Every hint code the CLI's words know (the type makes that list complete) is
// rendered in the words of every command and each --flag the words name must be an option of that command in the
// options table, or of the command the words name (`policy-check check …`): a new hint code or a new option is
// checked without a change here.
import { describe, expect, it } from 'vitest';
import { type CommandName, optionsOf } from '../../src/cli/options.js';
import { type CliHintCode, cliHint, message } from '../../src/model/index.js';
import { HINT_CODES, HINT_RENDERERS } from '../../src/report/cli-hints.js';
import { DEPENDS_ON_WORDS } from '../../src/report/words/depends-on-words.js';
import { flagsOf } from '../helpers/option-flags.js';

const COMMANDS: readonly CommandName[] = ['check', 'explain', 'scan', 'diff', 'iac'];

/** Sample parameters of the hints that take some; every other hint is rendered without. */
const SAMPLES: Partial<Record<CliHintCode, readonly (readonly string[])[]>> = {
  'model-region': [['us.anthropic.claude-sonnet-4-6', 'us-east-1']],
  'scan-snapshot-command': [['gaad.json']],
  'call-option': [['auth'], ['guardrail'], ['serviceTier'], ['operations']],
  'guardrail-option': [['arn:aws:bedrock:us-east-1:111122223333:guardrail/abcdefgh1234:1']],
  'depends-on': Object.keys(DEPENDS_ON_WORDS).map((code) => [
    JSON.stringify(message(code as keyof typeof DEPENDS_ON_WORDS, { scps: ['p-1234abcd'] })),
  ]),
  'finding-title': [
    [JSON.stringify(message('model-not-in-catalog', { modelId: 'anthropic.claude-9', region: 'us-east-1' }))],
  ],
};

describe('each command words every hint with its own options', () => {
  it('knows every hint code', () => {
    expect(HINT_CODES).toContain('profile-regions-override');
    expect(HINT_CODES.length).toBeGreaterThan(20);
  });

  for (const command of COMMANDS)
    it(`${command}: every --flag a hint names is an option of ${command} or of the command the words name`, () => {
      const render = HINT_RENDERERS[command];
      const wrong: string[] = [];
      for (const code of HINT_CODES)
        for (const params of SAMPLES[code] ?? [[]]) {
          const words = render(`${cliHint(code, ...params)}`);
          // Every hint is worded: none is left in its private-use characters.
          expect(words, code).not.toMatch(/[\u{E000}-\u{E002}]/u);
          for (const { flag, command: owner } of flagsOf(words, command))
            if (!optionsOf(owner).some((option) => option.name === flag))
              wrong.push(`${code}: --${flag} (${owner} has no such option): ${words}`);
        }
      expect(wrong).toEqual([]);
    });

  it('reads a command named in the words as the owner of the flags after it', () => {
    expect(flagsOf('pass --x, or `policy-check check --principal ARN`', 'scan')).toEqual([
      { flag: 'x', command: 'scan' },
      { flag: 'principal', command: 'check' },
    ]);
  });
});
