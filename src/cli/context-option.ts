import { UsageError } from './usage-error.js';

/** `--context KEY=VALUE` entries; a key given more than once becomes multi-valued, in the order given. */
export function parseContextOption(entries: readonly string[]): Record<string, string[]> {
  const context: Record<string, string[]> = {};
  const canonical = new Map<string, string>();
  for (const entry of entries) {
    const equals = entry.indexOf('=');
    const key = equals > 0 ? entry.slice(0, equals).trim() : '';
    if (!key || !/^[A-Za-z0-9_.:/\-]+$/.test(key)) {
      throw new UsageError(`--context ${JSON.stringify(entry)}: expected KEY=VALUE, e.g. aws:SourceIp=10.0.0.1`);
    }
    // Context keys are case-insensitive, so aws:sourceip and aws:SourceIp are the same key.
    const name = canonical.get(key.toLowerCase()) ?? key;
    canonical.set(key.toLowerCase(), name);
    (context[name] ??= []).push(entry.slice(equals + 1));
  }
  return context;
}
