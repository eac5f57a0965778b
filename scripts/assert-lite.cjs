'use strict';
// Stands in for node:assert in the CLI bundle: yargs uses only these two checks, and loading the real
// module pulls in util.inspect and stderr set-up that cost a one-shot run several milliseconds.
function fail(message, fallback) {
  throw message instanceof Error ? message : new Error(message ?? fallback);
}
exports.strictEqual = (actual, expected, message) => {
  if (!Object.is(actual, expected)) fail(message, `Expected ${String(actual)} to strictly equal ${String(expected)}`);
};
exports.notStrictEqual = (actual, expected, message) => {
  if (Object.is(actual, expected))
    fail(message, `Expected ${String(actual)} not to strictly equal ${String(expected)}`);
};
