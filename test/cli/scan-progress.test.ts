import { afterEach, describe, expect, it, vi } from 'vitest';
import { scanProgress } from '../../src/cli/scan-progress.js';

let written = '';
const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
  written += String(chunk);
  return true;
});
afterEach(() => {
  written = '';
});
process.on('exit', () => spy.mockRestore());

describe('scanProgress', () => {
  it('on a terminal: one line redrawn in place with accounts, principals and an ETA from this run’s pace', () => {
    let now = 0;
    const progress = scanProgress(4, 1, 'terminal', () => now);
    now = 10_000;
    progress.account('111122223333', { principals: 1200 });
    progress.message('policy-check: account 222233334444 was not scanned');
    progress.end();
    expect(written.split('\r\u001b[K')).toEqual([
      '',
      'policy-check: 1/4 accounts · 0 principals',
      'policy-check: 2/4 accounts · 1,200 principals · ETA 20s',
      'policy-check: account 222233334444 was not scanned\n',
      'policy-check: 2/4 accounts · 1,200 principals · ETA 20s',
      'policy-check: 2/4 accounts · 1,200 principals · ETA 20s\n',
    ]);
  });

  it('elsewhere: a plain line per account; with --quiet only the messages', () => {
    const lines = scanProgress(2, 0, 'lines');
    lines.account('111122223333', { principals: 3 });
    lines.account('222233334444', { failed: 'sts:AssumeRole' });
    lines.end();
    expect(written).toBe(
      'policy-check: [1/2] account 111122223333: 3 principals\npolicy-check: [2/2] account 222233334444: not scanned (sts:AssumeRole)\n',
    );
    written = '';
    const quiet = scanProgress(2, 0, 'quiet');
    quiet.account('111122223333', { principals: 3 });
    quiet.message('policy-check: a failure');
    quiet.end();
    expect(written).toBe('policy-check: a failure\n');
  });
});
