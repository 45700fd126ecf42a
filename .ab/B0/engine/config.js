/**
 * The engine's configuration as plain data: it crosses into every actor by structured clone,
 * and each side rebuilds its runtime objects (local networks, analyzer list) from it once.
 * Validation happens once, at the edge (coordinator/options.ts); nothing here re-checks.
 */
import { detectorNamed } from '../detect/registry.js';
import { heatmapAnalyzer } from '../report/heatmap/aggregate.js';
import { LocalNetworks } from '../shared/addr.js';
import { ErrorCode, NetscryError } from '../shared/errors.js';
export function buildRuntime(config) {
    const local = LocalNetworks.parse(config.localNetworks);
    if (!(local instanceof LocalNetworks)) {
        throw new NetscryError(ErrorCode.InvalidOption, `not a network: ${local.invalid}`, {
            value: local.invalid,
        });
    }
    return {
        config,
        policy: { vshards: config.vshards, v4Prefix: config.v4Prefix, v6Prefix: config.v6Prefix, local },
        analyzers: [
            { factory: heatmapAnalyzer, config: config.heatmap },
            ...config.detectors.map((d) => {
                const entry = detectorNamed(d.name);
                if (entry === undefined)
                    throw new NetscryError(ErrorCode.Internal, `unknown detector ${d.name}`);
                return { factory: entry.factory, config: d.config };
            }),
        ],
    };
}
//# sourceMappingURL=config.js.map