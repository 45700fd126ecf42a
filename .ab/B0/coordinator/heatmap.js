/**
 * `netscry heatmap`: analyse the inputs with the aggregation the view needs, build the view
 * (report/heatmap/view.ts, hilbert-view.ts) and write it as SVG, PNG, JSON or CSV by the output
 * file's extension.
 *
 * The aggregation is chosen for the view: fixed prefixes aggregate at exactly those prefixes;
 * `auto` and the Hilbert map at the finest prefixes they may show (IPv4 /32 and IPv6 /128 for
 * `auto`: bounded per virtual shard like every heatmap, overflow folded into "other" rows and
 * counted). Buckets aggregate at 60 s when the view's are shorter than 5 minutes or not a
 * multiple of them, else at 300 s.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, extname } from 'node:path';
import { DEFAULT_ANOMALY_CONFIG } from '../report/heatmap/anomaly.js';
import { viewCsv, viewJson } from '../report/heatmap/export.js';
import { buildHilbertMap, hilbertBlockNamer } from '../report/heatmap/hilbert-view.js';
import { buildView, validateViewOptions, } from '../report/heatmap/view.js';
import { renderHilbertPng, renderHilbertSvg, renderMatrixPng, renderMatrixSvg, } from '../report/render/index.js';
import { DEFAULT_LOCAL_NETWORKS } from '../shared/addr.js';
import { ErrorCode, NetscryError } from '../shared/errors.js';
import { analyze } from './pipeline.js';
export function formatOfFile(path) {
    const ext = extname(path).toLowerCase().slice(1);
    if (ext === 'svg' || ext === 'png' || ext === 'json' || ext === 'csv')
        return ext;
    throw new NetscryError(ErrorCode.Usage, `${path}: the heatmap is written as .svg, .png, .json or .csv`, {
        path,
    });
}
/** The aggregation bucket for a view bucket: 300 s when it divides it, else 60 s. */
export function aggregationBucket(viewBucket) {
    return viewBucket >= 300 && viewBucket % 300 === 0 ? 300 : 60;
}
export async function runHeatmap(options) {
    if (options.out.length === 0)
        throw new NetscryError(ErrorCode.Usage, 'heatmap needs at least one --out FILE');
    const formats = options.out.map(formatOfFile);
    const layout = options.layout ?? 'matrix';
    const requested = { ...options.view };
    const bucketSeconds = requested.bucketSeconds ?? 300;
    const base = aggregationBucket(bucketSeconds);
    const hilbertFamily = options.hilbert?.family ?? 'ipv4';
    const pixelPrefix = options.hilbert?.pixelPrefix ?? (hilbertFamily === 'ipv4' ? 16 : 48);
    // The view's prefixes decide the aggregation's.
    const prefix = layout === 'hilbert'
        ? {
            ipv4: hilbertFamily === 'ipv4' ? pixelPrefix : 24,
            ipv6: hilbertFamily === 'ipv6' ? pixelPrefix : 64,
        }
        : (requested.prefix ?? 'auto');
    const aggregation = prefix === 'auto' ? { v4Prefix: 32, v6Prefix: 128 } : { v4Prefix: prefix.ipv4, v6Prefix: prefix.ipv6 };
    const view = validateViewOptions({
        ...requested,
        prefix,
        ...(layout === 'hilbert' ? { maxRows: 100_000 } : {}),
        anomaly: requested.anomaly ?? DEFAULT_ANOMALY_CONFIG,
        source: inputsLabel(options.analyze.inputs, options.analyze.live?.name),
    }, base);
    const analysis = await analyze({
        ...options.analyze,
        // Detectors only matter to a view of findings; the rest is the aggregate alone.
        ...(view.metric === 'findings' ? {} : { detect: false }),
        heatmap: {
            bucketSeconds: base,
            ...aggregation,
            localSide: view.side === 'local',
            portSketches: view.metric === 'distinct_ports',
        },
    });
    const built = buildView(analysis.heatmapPartial, view, analysis.findings);
    const written = [];
    const write = async (path, data) => {
        try {
            await mkdir(dirname(path), { recursive: true });
            await writeFile(path, data);
        }
        catch (err) {
            throw new NetscryError(ErrorCode.OutputFailed, `cannot write ${path}: ${err.message}`, {
                path,
            });
        }
        written.push(path);
    };
    const hilbert = {
        family: hilbertFamily,
        pixelPrefix,
        ...(options.hilbert?.order !== undefined ? { order: options.hilbert.order } : {}),
        ...(options.hilbert?.space !== undefined ? { space: options.hilbert.space } : {}),
        regions: options.hilbert?.regions ?? options.analyze.local ?? DEFAULT_LOCAL_NETWORKS,
    };
    for (let i = 0; i < options.out.length; i++) {
        const path = options.out[i];
        const format = formats[i];
        if (format === 'json')
            await write(path, `${JSON.stringify(viewJson(built))}\n`);
        else if (format === 'csv')
            await write(path, viewCsv(built));
        else if (layout === 'matrix') {
            await write(path, format === 'svg' ? renderMatrixSvg(built.grid) : renderMatrixPng(built.grid));
        }
        else {
            const describe = hilbertBlockNamer(built, hilbert);
            const draw = (column) => {
                const map = buildHilbertMap(built, hilbert, column);
                return format === 'svg' ? renderHilbertSvg(map, { describe }) : renderHilbertPng(map);
            };
            await write(path, draw());
            if (options.frames) {
                const ext = extname(path);
                const stem = path.slice(0, path.length - ext.length);
                for (let c = 0; c < built.grid.bucketStarts.length; c++) {
                    await write(`${stem}-${String(c + 1).padStart(4, '0')}${ext}`, draw(c));
                }
            }
        }
    }
    return { view: built, written, analysis };
}
/** Names the inputs in a heatmap's title: up to three file names (and the live feed). */
export function inputsLabel(inputs, live) {
    const names = inputs.map((p) => p.split('/').filter(Boolean).pop() ?? p);
    if (live !== undefined)
        names.push(live);
    return names.length <= 3
        ? names.join(', ')
        : `${names.slice(0, 2).join(', ')} and ${names.length - 2} more`;
}
//# sourceMappingURL=heatmap.js.map