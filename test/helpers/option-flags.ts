// Which command's option each --flag in some words is: the words' own command's, or, after the words name another
// (`policy-check check …`), that one's. Shared by the vocabulary test of the hints and the CLI tests of the reports.
import { type CommandName, KNOWN_OPTIONS, optionsOf } from '../../src/cli/options.js';

const COMMAND_NAMED = /policy-check (check|explain|scan|diff|iac)\b/g;
const FLAG = /(?<![\w-])--([a-z][a-z0-9-]*)/g;

/** Each --flag the words name, with the command it belongs to: the words' own, or the last one they name before it. */
export function flagsOf(words: string, command: CommandName): { flag: string; command: CommandName }[] {
  const named = [...words.matchAll(COMMAND_NAMED)].map((match) => ({
    at: match.index,
    command: match[1] as CommandName,
  }));
  return [...words.matchAll(FLAG)].map((match) => ({
    flag: match[1]!,
    command: named.filter((entry) => entry.at < match.index).at(-1)?.command ?? command,
  }));
}

/**
 * The policy-check options a report of `command` names that their command does not have, one line each. A report
 * also quotes other tools (`aws bedrock … --model-id`): only the names of policy-check's options are read, each
 * within its sentence, list item, markup element or JSON string.
 */
export function foreignFlags(report: string, command: CommandName): string[] {
  const wrong = new Set<string>();
  for (const segment of report.split(/[\n<>"]|; |\. /))
    for (const { flag, command: owner } of flagsOf(segment, command))
      if (KNOWN_OPTIONS.includes(flag) && !optionsOf(owner).some((option) => option.name === flag))
        wrong.add(`--${flag} (${owner} has no such option): ${segment.trim()}`);
  return [...wrong].sort();
}
