/**
 * Writes a run's results: findings.ndjson (one finding per line, canonical key order, in the
 * findings' total order), heatmap.json, the heatmap drawn as heatmap.svg and heatmap.png (the
 * default view: connections by source block, blocks chosen automatically, 5-minute buckets in
 * UTC, anomalies outlined) and summary.json. All but summary.json are byte-identical for
 * identical input whatever the actor count, chunk or batch size; summary.json's `run` section
 * holds the timing.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { canonicalJson } from '../detect/finding.js';
import { ErrorCode, NetscryError } from '../shared/errors.js';
import { buildView, DEFAULT_VIEW_OPTIONS, fittingBucket, validateViewOptions } from './heatmap/view.js';
import { renderMatrixPng, renderMatrixSvg } from './render/index.js';
export function findingsNdjson(findings) {
    let out = '';
    for (const f of findings)
        out += `${canonicalJson(f)}\n`;
    return out;
}
export async function writeOutputs(dir, result, source = '') {
    // The default drawing: the shortest bucket that fits the run's time range (a capture of
    // minutes in 5-minute buckets, a month in days); a range too long for even one-day buckets
    // (records stamped decades apart) is not drawn.
    const partial = result.heatmapPartial;
    const bucket = partial ? fittingBucket(partial, DEFAULT_VIEW_OPTIONS.maxColumns) : undefined;
    const grid = partial && bucket !== undefined
        ? buildView(partial, validateViewOptions({ bucketSeconds: bucket, source }, partial.bucketSeconds)).grid
        : undefined;
    const files = {
        findings: join(dir, 'findings.ndjson'),
        heatmap: join(dir, 'heatmap.json'),
        ...(grid ? { heatmapSvg: join(dir, 'heatmap.svg'), heatmapPng: join(dir, 'heatmap.png') } : {}),
        summary: join(dir, 'summary.json'),
    };
    try {
        await mkdir(dir, { recursive: true });
        await writeFile(files.findings, findingsNdjson(result.findings));
        await writeFile(files.heatmap, `${canonicalJson(result.heatmap)}\n`);
        if (grid && files.heatmapSvg && files.heatmapPng) {
            await writeFile(files.heatmapSvg, renderMatrixSvg(grid));
            await writeFile(files.heatmapPng, renderMatrixPng(grid));
        }
        await writeFile(files.summary, `${JSON.stringify(result.summary, null, 2)}\n`);
    }
    catch (err) {
        throw new NetscryError(ErrorCode.OutputFailed, `cannot write results to ${dir}: ${err.message}`, { dir });
    }
    return files;
}
//# sourceMappingURL=output.js.map