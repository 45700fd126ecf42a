/**
 * A capture's bytes in, Zeek-compatible records out: reads the file and runs every packet
 * through the per-packet path of flows.ts (the same code each shard of the actor pipeline runs).
 * Pure (no I/O) and single-threaded: `netscry extract` and the conformance runs call it per file.
 */
import { readCapture } from './capture-file.js';
import { CaptureFlows } from './flows.js';
export function extractCapture(bytes, options = {}) {
    const conns = [];
    const events = [];
    const onEvent = (e) => {
        events.push(e);
    };
    const flows = new CaptureFlows((r) => conns.push(r), onEvent, options);
    readCapture(bytes, (p) => flows.observe(p), onEvent);
    flows.finish();
    conns.sort((a, b) => a.ts - b.ts || (a.uid < b.uid ? -1 : a.uid > b.uid ? 1 : 0));
    const budget = flows.tracker.reassembly;
    return {
        conns,
        events,
        packets: flows.packets,
        decoded: flows.decoded,
        timeRange: flows.packets > 0 ? [flows.firstTs, flows.lastTs] : [0, 0],
        evictedConnections: flows.tracker.evictedEarly,
        tunnels: flows.path.tunnels,
        apps: sortAppLogs(flows.apps),
        reassembly: {
            peakHeldBytes: budget.peakHeld,
            droppedBytes: budget.droppedBytes,
            droppedSegments: budget.droppedSegments,
            inconsistencies: budget.inconsistencies,
        },
    };
}
const byTs = (uid) => (a, b) => a.ts - b.ts || (uid(a) < uid(b) ? -1 : uid(a) > uid(b) ? 1 : 0);
/** The app logs in time order (empty when the parsers did not run). */
export function sortAppLogs(apps) {
    const connUid = (r) => r.id.uid;
    return {
        dns: (apps?.dns ?? []).sort(byTs(connUid)),
        ssl: (apps?.ssl ?? []).sort(byTs(connUid)),
        x509: (apps?.x509 ?? []).sort(byTs((r) => r.cert.fingerprint)),
        ssh: (apps?.ssh ?? []).sort(byTs(connUid)),
        http: (apps?.http ?? []).sort(byTs((r) => r.uid ?? '')),
        dhcp: (apps?.dhcp ?? []).sort(byTs((r) => r.uids[0] ?? '')),
        payload: (apps?.payload ?? []).sort(byTs(connUid)),
    };
}
//# sourceMappingURL=extract.js.map