import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SCORE_FAMILIES,
  formatScoreTable,
  type Labels,
  type ScenarioLabel,
  type ScoredFinding,
  scoreFindings,
} from '../../src/generate/index.js';

function scenario(
  partial: Partial<ScenarioLabel> & Pick<ScenarioLabel, 'id' | 'type' | 'src' | 'start' | 'end'>,
): ScenarioLabel {
  return { connections: 1, description: partial.id, ...partial };
}

const labels: Labels = {
  version: 1,
  generator: 'test',
  seed: 1,
  start: 1_000,
  end: 90_000,
  hosts: 10,
  networks: {
    internal: ['10.0.0.0/8'],
    servers: '10.10.0.0/24',
    clients: ['10.20.0.0/24'],
    ula: 'fd00::/64',
  },
  counts: { conn: 20_000, dns: 0, http: 0, ssl: 0, dhcp: 0, weird: 0 },
  scenarios: [
    scenario({ id: 'h', type: 'scan.horizontal', src: '10.20.0.5', start: 5_000, end: 5_200 }),
    scenario({ id: 'v', type: 'scan.vertical', src: '10.20.0.6', start: 6_000, end: 6_100 }),
    scenario({ id: 'i', type: 'scan.inbound', src: '198.51.100.201', start: 7_000, end: 7_600 }),
    scenario({ id: 'b', type: 'beacon', src: '10.20.0.7', start: 2_000, end: 80_000 }),
    scenario({
      id: 'r',
      type: 'host.readdress',
      src: '10.20.0.8',
      aliases: ['10.20.1.9'],
      start: 40_000,
      end: 40_600,
    }),
  ],
  inventory: [],
};

function finding(
  detector: string,
  src: string | readonly string[],
  firstTs: number,
  lastTs: number,
): ScoredFinding {
  return { detector, entities: { src }, firstTs, lastTs };
}

describe('scoreFindings', () => {
  it('matches by source and overlapping window (with slack), and counts per family', () => {
    const findings = [
      finding('scan.horizontal', '10.20.0.5', 5_100, 5_150), // tp (h)
      finding('scan.horizontal', '10.20.0.5', 5_230, 5_300), // tp within 60 s slack
      finding('scan.vertical', '10.20.0.6', 6_500, 6_600), // fp: too late
      finding('scan.horizontal', '10.20.0.99', 5_100, 5_150), // fp: wrong source
      finding('beacon', '10.20.0.7', 3_000, 9_000), // tp
      finding('exfil.dns', '10.20.0.7', 3_000, 9_000), // fp: no exfil scenario
    ];
    const scores = scoreFindings(labels, findings, [
      { name: 'scan', detectors: ['scan.'], scenarioTypes: ['scan.'] },
      { detectors: ['beacon'], scenarioTypes: ['beacon'] },
      { name: 'exfil', detectors: ['exfil.'], scenarioTypes: ['exfil.'] },
    ]);
    const [scan, beacon, exfil] = scores;
    expect(scan).toMatchObject({
      family: 'scan',
      findings: 4,
      tp: 2,
      fp: 2,
      fn: 2,
      scenarios: 3,
      detected: 1,
    });
    expect(scan!.precision).toBeCloseTo(0.5);
    expect(scan!.recall).toBeCloseTo(1 / 3);
    expect(scan!.f1).toBeCloseTo(0.4);
    expect(scan!.alertsPer10k).toBeCloseTo(2);
    expect(scan!.missed).toEqual(['v', 'i']);
    expect(beacon).toMatchObject({ family: 'beacon', tp: 1, fp: 0, fn: 0, precision: 1, recall: 1, f1: 1 });
    expect(exfil).toMatchObject({
      findings: 1,
      tp: 0,
      fp: 1,
      scenarios: 0,
      precision: 0,
      recall: null,
      f1: null,
    });
  });

  it('accepts a single family, list-valued sources and aliases', () => {
    const [entity] = scoreFindings(
      labels,
      [finding('entity.readdress', ['10.20.1.9', 'x'], 40_100, 40_100)],
      {
        detectors: ['entity.'],
        scenarioTypes: ['host.readdress'],
      },
    );
    expect(entity).toMatchObject({ family: 'entity.', tp: 1, detected: 1, recall: 1 });
  });

  it('honours the slack option and reports nulls when nothing can be measured', () => {
    const late = finding('scan.horizontal', '10.20.0.5', 5_230, 5_300);
    const [strict] = scoreFindings(labels, [late], {
      detectors: ['scan.'],
      scenarioTypes: ['scan.horizontal'],
      slackSeconds: 0,
    });
    expect(strict).toMatchObject({ tp: 0, fp: 1, fn: 1 });
    const [none] = scoreFindings(
      { ...labels, counts: { ...labels.counts, conn: 0 } },
      [],
      DEFAULT_SCORE_FAMILIES[1]!,
    );
    expect(none).toMatchObject({ findings: 0, precision: null, recall: 0, f1: null, alertsPer10k: null });
  });

  it('uses the default families', () => {
    // Families are added as detectors are; these are the ones the labels here exercise.
    const scenarios = Object.fromEntries(scoreFindings(labels, []).map((s) => [s.family, s.scenarios]));
    expect(scenarios).toMatchObject({ scan: 3, beacon: 1, exfil: 0, 'dns-tunnel': 0, entity: 1 });
  });
});

describe('formatScoreTable', () => {
  it('prints an aligned table with a header, a rule and one row per family', () => {
    const families = DEFAULT_SCORE_FAMILIES.filter((f) =>
      ['scan', 'beacon', 'exfil', 'entity'].includes(f.name!),
    );
    const table = formatScoreTable(
      scoreFindings(labels, [finding('scan.vertical', '10.20.0.6', 6_000, 6_050)], families),
    );
    const lines = table.trimEnd().split('\n');
    expect(lines).toHaveLength(6);
    expect(lines[0]).toMatch(
      /^family\s+findings\s+tp\s+fp\s+fn\s+scenarios\s+precision\s+recall\s+f1\s+alerts\/10k$/,
    );
    expect(lines[1]).toMatch(/^-+( +-+){9}$/);
    expect(lines[2]).toMatch(/^scan\s+1\s+1\s+0\s+2\s+1\/3\s+1\.000\s+0\.333\s+0\.500\s+0\.50$/);
    expect(lines[4]).toMatch(/^exfil\s+0\s+0\s+0\s+0\s+0\/0\s+-\s+-\s+-\s+0\.00$/);
    // Every column ends at the same offset in every row.
    const ends = (line: string): number[] => [...line.matchAll(/\S+/g)].map((m) => m.index! + m[0].length);
    expect(ends(lines[2]!).slice(1)).toEqual(ends(lines[0]!).slice(1));
    expect(table.endsWith('\n')).toBe(true);
  });
});

describe('scoreFindings alsoAccept', () => {
  it('counts a finding on an accepted scenario as a true positive without needing it for recall', () => {
    const family = {
      name: 'x',
      detectors: ['anomaly.'],
      scenarioTypes: ['anomaly.'],
      alsoAccept: ['beacon'],
    };
    const [accepted] = scoreFindings(labels, [finding('anomaly.volume', '10.20.0.7', 3_000, 3_100)], family);
    expect(accepted).toMatchObject({ findings: 1, tp: 1, fp: 0, scenarios: 0, precision: 1, recall: null });
    const [strict] = scoreFindings(labels, [finding('anomaly.volume', '10.20.0.7', 3_000, 3_100)], {
      ...family,
      alsoAccept: [],
    });
    expect(strict).toMatchObject({ tp: 0, fp: 1, precision: 0 });
  });
});
