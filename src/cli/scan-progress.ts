import { groupedCount } from '../model/index.js';
import { writeStderr } from './standard-streams.js';

export type ProgressMode = 'terminal' | 'lines' | 'quiet';

export interface ScanProgress {
  /** One account ended: scanned (with its principals) or not (with why). */
  account(accountId: string, outcome: { readonly principals: number } | { readonly failed: string }): void;
  /** A line that must be shown whatever the mode (a failure), without breaking the progress line. */
  message(line: string): void;
  end(): void;
}

/** How progress is shown: nothing with --quiet, a line redrawn in place on a terminal, else a line per account. */
export function progressMode(quiet: boolean | undefined): ProgressMode {
  if (quiet) return 'quiet';
  return process.stderr.isTTY ? 'terminal' : 'lines';
}

/**
 * Progress of an organization scan on stderr: accounts done / total, principals read, and an ETA from the
 * pace of the accounts this run has read (resumed accounts count as done but not towards the pace).
 */
export function scanProgress(
  total: number,
  resumed: number,
  mode: ProgressMode,
  now: () => number = Date.now,
): ScanProgress {
  const started = now();
  let done = resumed;
  let principals = 0;
  let shown = false;
  const status = () => {
    const scanned = done - resumed;
    const left = total - done;
    const eta = scanned > 0 && left > 0 ? ` · ETA ${duration(((now() - started) / scanned) * left)}` : '';
    return `policy-check: ${groupedCount(done)}/${groupedCount(total)} accounts · ${groupedCount(principals)} principals${eta}`;
  };
  const redraw = () => {
    writeStderr(`\r\u001b[K${status()}`);
    shown = true;
  };
  const clear = () => {
    if (shown) writeStderr('\r\u001b[K');
    shown = false;
  };
  if (mode === 'terminal' && total > resumed) redraw();
  return {
    account(accountId, outcome) {
      done += 1;
      if ('principals' in outcome) principals += outcome.principals;
      if (mode === 'terminal') redraw();
      else if (mode === 'lines')
        writeStderr(
          `policy-check: [${groupedCount(done)}/${groupedCount(total)}] account ${accountId}: ${'principals' in outcome ? `${groupedCount(outcome.principals)} principals` : `not scanned (${outcome.failed})`}\n`,
        );
    },
    message(line) {
      clear();
      writeStderr(`${line}\n`);
      if (mode === 'terminal' && done < total) redraw();
    },
    end() {
      if (mode === 'terminal' && shown) writeStderr(`\r\u001b[K${status()}\n`);
      shown = false;
    },
  };
}

function duration(ms: number): string {
  const seconds = Math.ceil(ms / 1000);
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m ${String(seconds % 60).padStart(2, '0')}s`;
  return `${Math.floor(minutes / 60)}h ${String(minutes % 60).padStart(2, '0')}m`;
}
