/**
 * Real producers and consumers from Debian's packages (softflowd, nfdump, logger, tshark): is a
 * tool on PATH, and a one-line note naming the package when it is not, so a local run without
 * them says what it skipped. `.ci/run` installs them.
 */
import { execFileSync } from 'node:child_process';

export function hasTool(name: string): boolean {
  try {
    execFileSync('which', [name], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** True when every tool is present; otherwise warns once, naming the Debian package. */
export function requireTools(
  tools: ReadonlyArray<readonly [tool: string, pkg: string]>,
  what: string,
): boolean {
  const missing = tools.filter(([t]) => !hasTool(t));
  if (missing.length === 0) return true;
  console.warn(
    `${missing.map(([t, p]) => `${t} (Debian package ${p})`).join(', ')} not installed: ${what} skipped`,
  );
  return false;
}
