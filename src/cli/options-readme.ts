import { optionsOf, type CommandName, type OptionSpec } from './options.js';

/** The README's markers around a command's option table, which is generated from the options table. */
export function readmeMarkers(command: CommandName): { readonly begin: string; readonly end: string } {
  return {
    begin: `<!-- options:${command} (generated from src/cli/options.ts) -->`,
    end: `<!-- /options:${command} -->`,
  };
}

function flagCell(option: OptionSpec, command: CommandName): string {
  const value = option.commands[command]?.readme?.value ?? option.readme.value;
  return option.readme.cell ?? `\`--${option.name}${value ? ` ${value}` : ''}\``;
}

/** A command's option table in Markdown, one row per option in the table's order. */
export function readmeOptionTable(command: CommandName): string {
  const rows = optionsOf(command).map(
    (option) => `| ${flagCell(option, command)} | ${option.commands[command]?.readme?.text ?? option.readme.text} |`,
  );
  return ['| option | meaning |', '|---|---|', ...rows].join('\n');
}
