/**
 * Where the external corpus is (NETSCRY_CORPUS, default ../shared/corpus beside the repo), and
 * a way for a suite to skip with a message naming what is missing.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const CORPUS = resolve(
  process.env.NETSCRY_CORPUS ?? join(import.meta.dirname, '..', '..', '..', 'shared', 'corpus'),
);

/** The path inside the corpus, or undefined (with a note on stderr) when it is absent. */
export function corpusPath(...parts: string[]): string | undefined {
  const p = join(CORPUS, ...parts);
  if (existsSync(p)) return p;
  process.stderr.write(`corpus file missing, tests that need it are skipped: ${p} (set NETSCRY_CORPUS)\n`);
  return undefined;
}
