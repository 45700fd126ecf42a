/**
 * Shared by the render tests: golden files and a strict-enough XML well-formedness check (no XML
 * parser among the dependencies; this one knows the subset our SVGs use).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

const GOLDEN_DIR = join(dirname(fileURLToPath(import.meta.url)), 'golden');

/**
 * Compares `actual` with golden/<name> byte for byte. `UPDATE_GOLDEN=1 npx vitest run
 * test/report/render` rewrites the files instead: do that only for a deliberate change of output,
 * and look at the diff.
 */
export function expectGolden(name: string, actual: string): void {
  const path = join(GOLDEN_DIR, name);
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(path)) {
    if (process.env.UPDATE_GOLDEN !== '1')
      throw new Error(`golden file ${name} is missing: run with UPDATE_GOLDEN=1`);
    mkdirSync(GOLDEN_DIR, { recursive: true });
    writeFileSync(path, actual);
    return;
  }
  expect(actual).toBe(readFileSync(path, 'utf8'));
}

/** Throws unless `xml` is well formed: balanced tags, quoted attributes, only known entities. */
export function assertWellFormedXml(xml: string): void {
  const stack: string[] = [];
  const token = /<(\/?)([A-Za-z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>|([^<]+)|(<)/gy;
  let m: RegExpExecArray | null;
  let roots = 0;
  for (token.lastIndex = 0; token.lastIndex < xml.length; ) {
    const at = token.lastIndex;
    m = token.exec(xml);
    if (!m || m[6] !== undefined) throw new Error(`malformed markup at ${at}: ${xml.slice(at, at + 60)}`);
    const [, closing, name, attrs, selfClosing, textContent] = m;
    const checkEntities = (s: string): void => {
      const bad = s.match(/&(?!(?:lt|gt|amp|quot|apos|#\d+|#x[0-9a-fA-F]+);)/);
      if (bad) throw new Error(`bare & at ${at}: ${s.slice(0, 60)}`);
    };
    if (textContent !== undefined) {
      if (stack.length === 0 && textContent.trim() !== '') throw new Error(`text outside the root at ${at}`);
      checkEntities(textContent);
      continue;
    }
    checkEntities(attrs ?? '');
    if (closing) {
      const open = stack.pop();
      if (open !== name) throw new Error(`</${name}> closes <${open}> at ${at}`);
    } else if (!selfClosing) {
      if (stack.length === 0) roots++;
      stack.push(name!);
    } else if (stack.length === 0) roots++;
  }
  if (stack.length > 0) throw new Error(`unclosed <${stack.join('><')}>`);
  if (roots !== 1) throw new Error(`${roots} root elements`);
}
