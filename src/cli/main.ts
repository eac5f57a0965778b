import { useNativeSha256 } from '../model/sha256.js';
import { runCli } from './run-cli.js';
import { guardWhenCreated, writeStderr, writeToDescriptors } from './standard-streams.js';

const EXIT_OUTPUT_FAILED = 2;

// A reader that stops early (`policy-check … | head -1`) closes the pipe: end quietly, keeping the exit
// code the run earned (under `set -o pipefail` it is still the verdict). Any other write failure (a full
// disk behind `>`) loses the report, so it must not end with 0. Installed when a stream is created: most
// runs write to the descriptors and never create one (standard-streams.ts).
writeToDescriptors();
// node:crypto for long texts only, loaded on first use: loading it costs more than hashing a small policy in JS.
const NATIVE_SHA256_FROM_LENGTH = 8192;
useNativeSha256(
  (text) => process.getBuiltinModule('node:crypto').createHash('sha256').update(text, 'utf8').digest('hex'),
  NATIVE_SHA256_FROM_LENGTH,
);
for (const name of ['stdout', 'stderr'] as const) {
  guardWhenCreated(name, (stream) =>
    stream.on('error', (error: NodeJS.ErrnoException) => {
      stream.destroy();
      // A write after the pipe closed fails again, as ERR_STREAM_DESTROYED: still the reader's choice.
      if (error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED') return;
      if (name === 'stdout')
        writeStderr(`policy-check: cannot write the report to standard output (${error.code ?? 'error'})\n`);
      process.exitCode = EXIT_OUTPUT_FAILED;
    }),
  );
}

runCli(process.argv.slice(2)).then(
  (code) => {
    // A failed write may have come first.
    if (process.exitCode !== EXIT_OUTPUT_FAILED) process.exitCode = code;
  },
  (error: unknown) => {
    // Anything that reaches here is a bug in policy-check, not in the user's input: one line, the stack on request.
    const detail =
      error instanceof Error
        ? process.env.POLICY_CHECK_DEBUG
          ? (error.stack ?? error.message)
          : `${error.name}: ${error.message}`
        : String(error);
    writeStderr(
      `policy-check: internal error (please report it; POLICY_CHECK_DEBUG=1 shows where): ${detail.split('\n', 1)[0] ?? ''}${process.env.POLICY_CHECK_DEBUG ? `\n${detail}` : ''}\n`,
    );
    process.exitCode = 3;
  },
);
