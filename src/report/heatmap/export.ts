/**
 * A heatmap view as data for other tools: JSON (the grid, rows with totals, anomalies) and CSV
 * in long form — one line per non-empty cell, which spreadsheets, pandas and DuckDB read
 * without reshaping. Times are unix seconds plus the bucket start in the view's time zone.
 */
import type { HeatmapView } from './view.js';

export interface HeatmapViewJson {
  readonly version: 1;
  readonly title: string;
  readonly subtitle: string;
  readonly metric: string;
  readonly timeZone: string;
  readonly utcOffsetMinutes: number;
  readonly bucketSeconds: number;
  readonly bucketStarts: readonly number[];
  readonly scale: 'linear' | 'log';
  /** Per row: block (CIDR or other-ipv4/other-ipv6), family, total, one value per bucket (null: no records). */
  readonly rows: ReadonlyArray<{
    readonly block: string;
    readonly family: 'ipv4' | 'ipv6';
    readonly total: number;
    readonly values: ReadonlyArray<number | null>;
  }>;
  readonly anomalies: ReadonlyArray<{
    readonly block: string;
    readonly bucketStart: number;
    readonly value: number;
    readonly median: number;
    readonly sigma: number;
    readonly score: number;
  }>;
}

const round = (x: number): number => Math.round(x * 1000) / 1000;

export function viewJson(v: HeatmapView): HeatmapViewJson {
  const g = v.grid;
  return {
    version: 1,
    title: g.title,
    subtitle: g.subtitle,
    metric: g.metric,
    timeZone: v.timeZone,
    utcOffsetMinutes: g.utcOffsetMinutes,
    bucketSeconds: g.bucketSeconds,
    bucketStarts: g.bucketStarts,
    scale: g.scale,
    rows: v.rows.map((r, i) => ({
      block: r.block,
      family: r.family,
      total: r.total,
      values: Array.from(g.rows[i]!.values, (x) => (Number.isNaN(x) ? null : x)),
    })),
    anomalies: v.anomalies.map((a) => ({
      block: a.block,
      bucketStart: a.bucketStart,
      value: a.value,
      median: round(a.median),
      sigma: round(a.sigma),
      score: round(a.score),
    })),
  };
}

/** `2024-03-03T10:05:00+02:00` for a unix time shown at `offsetMinutes`. */
export function localIso(ts: number, offsetMinutes: number): string {
  const text = new Date((ts + offsetMinutes * 60) * 1000).toISOString().slice(0, 19);
  if (offsetMinutes === 0) return `${text}Z`;
  const m = Math.abs(offsetMinutes);
  const sign = offsetMinutes < 0 ? '-' : '+';
  return `${text}${sign}${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

/** Long-form CSV: block,family,bucket_start,bucket_start_local,value,anomaly_score. */
export function viewCsv(v: HeatmapView): string {
  const g = v.grid;
  const scores = new Map<string, number>();
  for (const a of v.anomalies) scores.set(`${a.row}|${a.column}`, round(a.score));
  const lines = [`block,family,bucket_start,bucket_start_local,${g.metric.replace(' ', '_')},anomaly_score`];
  g.rows.forEach((row, r) => {
    const family = v.rows[r]!.family;
    row.values.forEach((x, c) => {
      if (Number.isNaN(x)) return;
      const t = g.bucketStarts[c]!;
      lines.push(
        `${row.label},${family},${t},${localIso(t, g.utcOffsetMinutes)},${x},${scores.get(`${r}|${c}`) ?? ''}`,
      );
    });
  });
  return `${lines.join('\n')}\n`;
}
