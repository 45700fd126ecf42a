const round = (x) => Math.round(x * 1000) / 1000;
export function viewJson(v) {
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
            values: Array.from(g.rows[i].values, (x) => (Number.isNaN(x) ? null : x)),
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
export function localIso(ts, offsetMinutes) {
    const text = new Date((ts + offsetMinutes * 60) * 1000).toISOString().slice(0, 19);
    if (offsetMinutes === 0)
        return `${text}Z`;
    const m = Math.abs(offsetMinutes);
    const sign = offsetMinutes < 0 ? '-' : '+';
    return `${text}${sign}${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}
/** Long-form CSV: block,family,bucket_start,bucket_start_local,value,anomaly_score. */
export function viewCsv(v) {
    const g = v.grid;
    const scores = new Map();
    for (const a of v.anomalies)
        scores.set(`${a.row}|${a.column}`, round(a.score));
    const lines = [`block,family,bucket_start,bucket_start_local,${g.metric.replace(' ', '_')},anomaly_score`];
    g.rows.forEach((row, r) => {
        const family = v.rows[r].family;
        row.values.forEach((x, c) => {
            if (Number.isNaN(x))
                return;
            const t = g.bucketStarts[c];
            lines.push(`${row.label},${family},${t},${localIso(t, g.utcOffsetMinutes)},${x},${scores.get(`${r}|${c}`) ?? ''}`);
        });
    });
    return `${lines.join('\n')}\n`;
}
//# sourceMappingURL=export.js.map