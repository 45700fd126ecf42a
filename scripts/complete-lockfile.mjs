#!/usr/bin/env node
/**
 * Completes package-lock.json for `npm ci`.
 *
 * Why: the registry this project's machines reach does not carry every platform build of
 * packages that ship native binaries as optional dependencies (Biome's CLI, DuckDB's bindings,
 * msgpackr-extract). npm then leaves those entries out of the lock, and `npm ci` refuses the lock
 * as "out of sync" (npm/cli#4828, #9083). This adds the missing entries — version, os, cpu,
 * optional — for every optional dependency a locked package declares but the lock lacks. They
 * are never installed on a platform they do not match.
 *
 * Use after changing dependencies:  npm install && node scripts/complete-lockfile.mjs
 */
import { readFileSync, writeFileSync } from 'node:fs';

const path = process.argv[2] ?? 'package-lock.json';
const lock = JSON.parse(readFileSync(path, 'utf8'));
const CPUS = ['x64', 'arm64', 'arm', 'ia32'];
const OSES = ['android', 'darwin', 'linux', 'win32', 'freebsd'];
let added = 0;
for (const entry of Object.values(lock.packages)) {
  for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const key = `node_modules/${name}`;
    if (lock.packages[key]) continue;
    const parts = name.split('/').at(-1).split('-');
    const os = parts.find((p) => OSES.includes(p));
    const cpu = parts.find((p) => CPUS.includes(p));
    lock.packages[key] = {
      version,
      ...(cpu ? { cpu: [cpu] } : {}),
      ...(entry.dev ? { dev: true } : {}),
      ...(parts.includes('musl') ? { libc: ['musl'] } : {}),
      optional: true,
      ...(os ? { os: [os] } : {}),
    };
    added++;
  }
}
lock.packages = Object.fromEntries(
  Object.entries(lock.packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a < b ? -1 : 1)),
);
writeFileSync(path, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`added ${added} optional platform entries to ${path}`);
