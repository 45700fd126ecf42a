import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  generate,
  type Labels,
  loadLabels,
  parseLabels,
  resolveGenerateOptions,
  SCENARIO_TYPES,
} from '../../src/generate/index.js';
import { ErrorCode, NetscryError } from '../../src/shared/errors.js';
import { tempDir } from './helpers.js';

let dir: { path: string; remove(): Promise<void> };
let labels: Labels;

beforeAll(async () => {
  dir = await tempDir('labels');
  // Every internal scenario needs a host of its own, plus two.
  labels = (await generate({ out: dir.path, hosts: SCENARIO_TYPES.length + 2, hours: 1, seed: 2 })).labels;
});

afterAll(() => dir.remove());

function expectCode(fn: () => unknown, code: string, message?: RegExp): void {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(NetscryError);
    expect((err as NetscryError).code).toBe(code);
    if (message) expect((err as NetscryError).message).toMatch(message);
    return;
  }
  throw new Error('expected a NetscryError');
}

describe('labels.json', () => {
  it('round-trips through JSON and the validating loader', async () => {
    expect(parseLabels(JSON.parse(JSON.stringify(labels)))).toEqual(labels);
    expect(await loadLabels(join(dir.path, 'labels.json'))).toEqual(labels);
    const s = labels.scenarios[0]!;
    expect(s).toMatchObject({ id: 'scan.horizontal-1', type: 'scan.horizontal' });
    expect(labels.inventory.some((e) => e.kind === 'server' && e.addresses.includes('10.10.0.10'))).toBe(
      true,
    );
  });

  it('names the offending field', () => {
    const bad = JSON.parse(JSON.stringify(labels));
    bad.scenarios[1].type = 'scan.diagonal';
    expectCode(
      () => parseLabels(bad, 'x.json'),
      ErrorCode.UnreadableInput,
      /x\.json: \$\.scenarios\[1\]\.type/,
    );
    const noSrc = JSON.parse(JSON.stringify(labels));
    delete noSrc.scenarios[0].src;
    expectCode(() => parseLabels(noSrc), ErrorCode.UnreadableInput, /\$\.scenarios\[0\]\.src/);
    const backwards = JSON.parse(JSON.stringify(labels));
    backwards.scenarios[0].end = backwards.scenarios[0].start - 1;
    expectCode(() => parseLabels(backwards), ErrorCode.UnreadableInput, /end/);
    expectCode(() => parseLabels({ ...labels, version: 2 }), ErrorCode.UnreadableInput, /version/);
    expectCode(() => parseLabels([]), ErrorCode.UnreadableInput);
  });

  it('reports unreadable and non-JSON files as typed errors', async () => {
    await expect(loadLabels(join(dir.path, 'missing.json'))).rejects.toMatchObject({
      code: ErrorCode.UnreadableInput,
    });
    const junk = join(dir.path, 'junk.json');
    await writeFile(junk, '{not json');
    await expect(loadLabels(junk)).rejects.toMatchObject({ code: ErrorCode.UnreadableInput });
  });
});

describe('generator options', () => {
  it('fills defaults and validates once', () => {
    const o = resolveGenerateOptions({ out: '/tmp/x' });
    expect(o).toMatchObject({
      hosts: 50,
      hours: 24,
      seed: 1,
      start: 1710230400,
      targetConnections: undefined,
    });
    expect(o.scenarios).toEqual(SCENARIO_TYPES);
    expect(Object.isFrozen(o)).toBe(true);
    expect(resolveGenerateOptions({ out: 'x', scenarios: ['beacon', 'scan.vertical'] }).scenarios).toEqual([
      'scan.vertical',
      'beacon',
    ]);
  });

  it('rejects bad options with NETSCRY_E_INVALID_OPTION', () => {
    const cases: unknown[] = [
      { out: '' },
      { out: 'x', hosts: 0 },
      { out: 'x', hosts: 2.5 },
      { out: 'x', hours: 0 },
      { out: 'x', hours: Number.NaN },
      { out: 'x', seed: 1.5 },
      { out: 'x', start: -1 },
      { out: 'x', scenarios: ['beacon', 'beacon'] },
      { out: 'x', scenarios: ['ransomware'] },
      { out: 'x', scenarios: 'beacon' },
      { out: 'x', targetConnections: 0 },
      { out: 'x', hosts: 3 },
    ];
    for (const c of cases) {
      expectCode(() => resolveGenerateOptions(c as never), ErrorCode.InvalidOption);
    }
    expect(resolveGenerateOptions({ out: 'x', hosts: 3, scenarios: ['scan.inbound'] }).hosts).toBe(3);
  });

  it('fails with NETSCRY_E_OUTPUT_FAILED when the output cannot be written', async () => {
    const file = join(dir.path, 'labels.json');
    await expect(
      generate({ out: join(file, 'sub'), hosts: 5, hours: 0.1, scenarios: [] }),
    ).rejects.toMatchObject({
      code: ErrorCode.OutputFailed,
    });
  });
});
