import { spawn } from 'node:child_process';
import { cliBin, ROOT, type RunResult } from './helpers.js';

/** The CLI spawned without blocking, so that a loopback endpoint in this process can answer it. */
export function runAsync(args: readonly string[], env: Record<string, string>): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cliBin(), ...args], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** The matrix without what differs from run to run (time). */
export function stable(json: string): unknown {
  return JSON.parse(json.replace(/"(generatedAt|evaluatedAt|now)":"[^"]*"/g, '"$1":""'));
}
