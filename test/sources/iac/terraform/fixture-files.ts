import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Every file of a fixture repository, repository-relative with `/`, sorted. */
export function filesOf(dir: string): { path: string; text: string }[] {
  const walk = (at: string): string[] =>
    readdirSync(at).flatMap((name) =>
      statSync(join(at, name)).isDirectory() ? walk(join(at, name)) : [join(at, name)],
    );
  return walk(dir)
    .sort()
    .map((file) => ({ path: relative(dir, file).split('\\').join('/'), text: readFileSync(file, 'utf8') }));
}
