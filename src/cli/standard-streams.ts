import { fstatSync, type Stats, statSync, writeSync } from 'node:fs';

// process.stdout and process.stderr are created on first use, and creating one loads Node's stream and net
// (or tty) modules: for a one-shot check, more than the check itself. So the CLI writes to the descriptors
// directly and touches a stream only where one is needed: a terminal (its width, whether it shows colour),
// or a write the descriptor refused (a full non-blocking pipe, a reader gone, a full disk), which the
// stream knows how to wait for and main.ts how to report.

type Name = 'stdout' | 'stderr';

const DESCRIPTORS: Readonly<Record<Name, number>> = { stdout: 1, stderr: 2 };

/** How each descriptor is written; once through its stream, always through it, to stay in order. */
const route = new Map<Name, 'direct' | 'stream'>();

let descriptorsAllowed = false;

/**
 * Lets writes go to the descriptors; called by the executable (main.ts) only, so that runCli in a test's
 * process still writes through process.stdout and process.stderr, where the test can capture it.
 */
export function writeToDescriptors(): void {
  descriptorsAllowed = true;
}

/**
 * Only a character device can be a terminal, and /dev/null (where benchmarks send the report) is none:
 * fstat tells them apart without creating the stream.
 */
function couldBeTerminal(name: Name): boolean {
  try {
    const device = fstatSync(DESCRIPTORS[name]);
    return device.isCharacterDevice() && !isDevNull(device);
  } catch {
    return true;
  }
}

function isDevNull(device: Stats): boolean {
  try {
    return statSync('/dev/null').rdev === device.rdev;
  } catch {
    return false;
  }
}

function write(name: Name, text: string): void {
  if (!route.has(name)) route.set(name, descriptorsAllowed && !couldBeTerminal(name) ? 'direct' : 'stream');
  if (route.get(name) === 'stream') {
    process[name].write(text);
    return;
  }
  const bytes = Buffer.from(text, 'utf8');
  let written = 0;
  try {
    while (written < bytes.length) written += writeSync(DESCRIPTORS[name], bytes, written);
  } catch {
    route.set(name, 'stream');
    process[name].write(bytes.subarray(written));
  }
}

export function writeStdout(text: string): void {
  write('stdout', text);
}

export function writeStderr(text: string): void {
  write('stderr', text);
}

/** Whether standard output is a terminal (asked of the stream only when it could be one). */
export function stdoutIsTerminal(): boolean {
  return couldBeTerminal('stdout') && process.stdout.isTTY === true;
}

/** The terminal's width, or undefined when standard output is no terminal. */
export function stdoutColumns(): number | undefined {
  return couldBeTerminal('stdout') ? process.stdout.columns : undefined;
}

/**
 * Calls `guard` with process.stdout or process.stderr when the stream is created, by whichever code first
 * asks for it (yargs printing --help, a fallback above): a run that never needs the stream never creates it.
 */
export function guardWhenCreated(name: Name, guard: (stream: NodeJS.WriteStream) => void): void {
  const descriptor = Object.getOwnPropertyDescriptor(process, name);
  const create = descriptor?.get;
  if (!descriptor?.configurable || !create) {
    guard(process[name]);
    return;
  }
  Object.defineProperty(process, name, {
    ...descriptor,
    get() {
      // Node keeps the stream it creates: the original getter answers every later use.
      Object.defineProperty(process, name, descriptor);
      const stream = create.call(process) as NodeJS.WriteStream;
      guard(stream);
      return stream;
    },
  });
}
