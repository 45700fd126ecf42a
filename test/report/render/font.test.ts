import { describe, expect, it } from 'vitest';
import { Canvas } from '../../../src/report/render/canvas.js';
import {
  ADVANCE,
  CAP_HEIGHT,
  GLYPH_ROWS,
  GLYPH_WIDTH,
  glyphFor,
  hasGlyph,
  textWidth,
} from '../../../src/report/render/font.js';

const key = (g: Uint8Array): string => [...g].join(',');

describe('bitmap font', () => {
  it('has a distinct glyph for every printable ASCII character', () => {
    const seen = new Map<string, string>();
    for (let c = 33; c <= 126; c++) {
      const ch = String.fromCharCode(c);
      expect(hasGlyph(ch), ch).toBe(true);
      const g = glyphFor(ch);
      expect(g.length).toBe(GLYPH_ROWS);
      expect(
        g.some((row) => row !== 0),
        `${ch} has ink`,
      ).toBe(true);
      const k = key(g);
      expect(seen.get(k), `${ch} looks like ${seen.get(k)}`).toBeUndefined();
      seen.set(k, ch);
    }
    expect(glyphFor(' ').every((row) => row === 0)).toBe(true);
  });

  it('keeps ink inside the cell: descenders only below g j p q y , ; _ and friends', () => {
    const descending = new Set([...'gjpqy,;_µ']);
    for (let c = 32; c <= 126; c++) {
      const ch = String.fromCharCode(c);
      const g = glyphFor(ch);
      for (const row of g) expect(row >> GLYPH_WIDTH).toBe(0);
      const below = g.slice(CAP_HEIGHT).some((row) => row !== 0);
      expect(below, ch).toBe(descending.has(ch));
    }
  });

  it('falls back to the unaccented letter, then to "?"', () => {
    expect(key(glyphFor('é'))).toBe(key(glyphFor('e')));
    expect(key(glyphFor('Ü'))).toBe(key(glyphFor('U')));
    expect(key(glyphFor('漢'))).toBe(key(glyphFor('?')));
    expect(hasGlyph('→')).toBe(true);
  });

  it('measures monospaced text without a trailing gap', () => {
    expect(textWidth('')).toBe(0);
    expect(textWidth('a')).toBe(GLYPH_WIDTH);
    expect(textWidth('10.0.0.0/8')).toBe(10 * ADVANCE - 1);
    expect(textWidth('ab', 2)).toBe(2 * (2 * ADVANCE - 1));
    expect(textWidth('→→')).toBe(textWidth('ab')); // one code point, one cell
  });

  it('draws exactly the glyph bits, scaled, and clips at the edges', () => {
    const c = new Canvas(20, 20);
    c.text(1, 2, 'L', [0, 0, 0], 2);
    const g = glyphFor('L');
    for (let r = 0; r < GLYPH_ROWS; r++) {
      for (let col = 0; col < GLYPH_WIDTH; col++) {
        const ink = (g[r]! >> (GLYPH_WIDTH - 1 - col)) & 1;
        for (const [dx, dy] of [
          [0, 0],
          [1, 1],
        ]) {
          expect(c.pixel(1 + col * 2 + dx!, 2 + r * 2 + dy!)).toEqual(ink ? [0, 0, 0] : [255, 255, 255]);
        }
      }
    }
    expect(() => c.text(15, 15, 'WWW', [0, 0, 0], 3)).not.toThrow();
    expect(() => c.text(-50, -50, 'x', [0, 0, 0])).not.toThrow();
  });
});
