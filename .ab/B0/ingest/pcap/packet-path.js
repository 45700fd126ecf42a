/**
 * The way of one captured packet to the connection tracker: link → IP → transport decoding,
 * IP fragment reassembly, and tunnels followed layer by layer, each layer's packet tracked as
 * Zeek tracks it.
 *
 * - A fragment goes to the `FragmentReassembler`; the datagram it completes is rebuilt (the
 *   completing fragment's IP header, fragment fields cleared, lengths and IPv4 checksum set) and
 *   decoded as one packet, at the time of the last fragment, as Zeek does.
 * - IP tunnels (IP in IP, GRE; GRE in UDP too) are not connections in Zeek: the inner packets'
 *   `tunnel_parents` name a tunnel uid kept per pair of outer addresses.
 * - UDP tunnels (VXLAN, Geneve, Teredo, GTPv1, AYIYA) are: the outer UDP packet is tracked
 *   first, then the decoder is picked by the connection's responder port (Teredo is also
 *   detected on other ports), the connection gets the tunnel's service once the tunnel is
 *   confirmed, and its uid is the inner packets' tunnel parent.
 * - Depth is bounded as Zeek's `Tunnel::max_depth` (default 2): a packet already inside that
 *   many tunnels is not decapsulated (`exceeded_tunnel_max_depth_in_tunnel`).
 *
 * Per-packet cost without tunnels or fragments: one `decodePacket`, one `observe`, a port
 * check. One `DecodedPacket` per depth is reused; a reassembled datagram is one new buffer.
 */
import { formatAddress } from '../../shared/addr.js';
import { zeekUid } from './connections.js';
import { AMSDU_SUBFRAME_LIMIT, decodeIp, decodeNextSubframe, decodePacket, } from './decode.js';
import { FragmentReassembler } from './fragments.js';
import { DecodedPacket, IpProto, TUNNEL_TYPE_NAMES, TunnelType, } from './packet.js';
import { decodeAyiya, decodeGeneve, decodeGre, decodeGtpv1, decodeIpInIp, decodeTeredo, decodeVxlan, looksLikeTeredo, TUNNEL_SERVICE, TunnelPort, } from './tunnels.js';
export const DEFAULT_PACKET_PATH_OPTIONS = Object.freeze({
    verifyChecksums: true,
    maxTunnelDepth: 2,
    delayTeredoConfirmation: true,
    delayGtpConfirmation: false,
    maxIpTunnels: 65536,
    fragments: {},
});
/** Teredo/GTP confirmation bits kept on the outer connection. */
const VALID_ORIG = 1;
const VALID_RESP = 2;
/** Mutable fragment description handed to the reassembler (IPv6 needs the fragment header's
 * next header, which is not the packet's transport protocol when more headers follow). */
class FragmentView {
    ts = 0;
    fileOffset = 0;
    ipVersion = 0;
    addr = new Uint32Array(8);
    ipProto = 0;
    fragmentId = 0;
    fragmentOffset = 0;
    moreFragments = false;
    dontFragment = false;
    headerLength = 0;
}
/** A Zeek-shaped uid for an IP tunnel, from its key and first time (deterministic). */
function tunnelUid(key, ts) {
    return zeekUid(`tunnel|${key}|${ts}`);
}
export class PacketPath {
    options;
    /** Tunnels in order of discovery. */
    tunnels = [];
    /** Packets (at any depth, reassembled datagrams once) handed to the sink. */
    tracked = 0;
    sink;
    onEvent;
    decodeOptions;
    reassembler;
    layers = [];
    fragment = new FragmentView();
    ipTunnels = new Map();
    udpTunnels = new Set();
    constructor(sink, onEvent, options = {}) {
        this.options = { ...DEFAULT_PACKET_PATH_OPTIONS, ...options };
        this.sink = sink;
        this.onEvent = onEvent;
        // In place: everything here indexes `out.data`, never the captured packet's `data`.
        this.decodeOptions = { verifyChecksums: this.options.verifyChecksums, inPlace: true };
        this.reassembler = new FragmentReassembler(this.options.fragments, onEvent);
        const depth = Math.max(0, Math.min(16, Math.floor(this.options.maxTunnelDepth)));
        for (let k = 0; k <= depth; k++)
            this.layers.push(new DecodedPacket());
    }
    get fragmentStats() {
        return this.reassembler.stats;
    }
    /** Decodes and tracks one captured packet; returns whether anything in it was tracked. */
    packet(p) {
        const before = this.tracked;
        this.reassembler.expire(p.ts);
        const out = this.layers[0];
        const ok = decodePacket(p, out, this.onEvent, this.decodeOptions);
        this.handle(out, ok, 0);
        this.subframes(out, 0);
        return this.tracked > before;
    }
    /** End of input: unfinished datagrams are dropped (counted in `fragmentStats.flushed`). */
    flush() {
        this.reassembler.flush();
    }
    /** The other subframes of an 802.11 A-MSDU, each a packet of its own. */
    subframes(out, depth) {
        for (let k = 1; out.nextSubframe >= 0 && k < AMSDU_SUBFRAME_LIMIT; k++) {
            const next = out.nextSubframe;
            const end = out.subframesEnd;
            resetKeeping(out, out);
            out.nextSubframe = next;
            out.subframesEnd = end;
            const ok = decodeNextSubframe(out, this.onEvent, this.decodeOptions);
            this.handle(out, ok, depth);
        }
    }
    handle(out, ok, depth) {
        if (out.isFragment) {
            if (out.ipVersion === 0)
                return;
            const result = this.reassemble(out);
            if (result < 0)
                return;
            ok = result > 0;
        }
        if (ok) {
            this.tracked++;
            const conn = this.sink.observe(out, out.data);
            if (conn !== undefined && out.ipProto === IpProto.Udp)
                this.udpTunnel(out, conn, depth);
            return;
        }
        const proto = out.ipProto;
        if (out.ipVersion !== 0 &&
            (proto === IpProto.Gre || proto === IpProto.IpInIp || proto === IpProto.Ipv6InIp)) {
            this.ipTunnel(out, depth);
        }
    }
    /**
     * Feeds a fragment to the reassembler. -1: nothing to decode yet; otherwise the completed
     * datagram was decoded into `out` (1: down to a trackable transport, 0: not).
     */
    reassemble(out) {
        // Zeek does not buffer a fragment cut short by the snaplen (already reported by the decoder).
        if (out.ipCaptured < out.ipLength)
            return -1;
        const f = this.fragment;
        f.ts = out.ts;
        f.fileOffset = out.fileOffset;
        f.ipVersion = out.ipVersion;
        f.addr.set(out.addr);
        f.ipProto = out.ipVersion === 6 ? out.fragmentNextHeader : out.ipProto;
        f.fragmentId = out.fragmentId;
        f.fragmentOffset = out.fragmentOffset;
        f.moreFragments = out.moreFragments;
        f.dontFragment = out.dontFragment;
        f.headerLength = out.ipHeaderLength;
        const start = out.ipOffset + out.ipHeaderLength;
        const end = out.ipOffset + out.ipLength;
        if (start > end || end > out.data.length)
            return -1;
        const done = this.reassembler.add(f, out.data, start, end);
        if (done === undefined)
            return -1;
        const payload = done.bytes;
        const d = out.data;
        const o = out.ipOffset;
        let datagram;
        let ipLength;
        if (done.ipVersion === 4) {
            const headerLength = out.ipHeaderLength;
            ipLength = headerLength + payload.length;
            if (ipLength > 0xffff)
                return -1; // reported by the reassembler (excessively_large_fragment)
            datagram = new Uint8Array(ipLength);
            datagram.set(d.subarray(o, o + headerLength));
            datagram.set(payload, headerLength);
            datagram[2] = ipLength >>> 8;
            datagram[3] = ipLength & 255;
            datagram[6] = datagram[6] & 0x40; // keep DF, clear MF and the offset
            datagram[7] = 0;
            datagram[9] = done.ipProto;
            datagram[10] = 0;
            datagram[11] = 0;
            let sum = 0;
            for (let i = 0; i < headerLength; i += 2)
                sum += (datagram[i] << 8) | datagram[i + 1];
            while (sum > 0xffff)
                sum = (sum & 0xffff) + (sum >>> 16);
            const checksum = ~sum & 0xffff;
            datagram[10] = checksum >>> 8;
            datagram[11] = checksum & 255;
        }
        else {
            // The fixed header (unfragmentable extension headers are not kept: they were applied,
            // e.g. a routing header's final destination is in the key's addresses).
            if (payload.length > 0xffff)
                return -1;
            datagram = new Uint8Array(40 + payload.length);
            datagram.set(d.subarray(o, o + 8));
            datagram.set(payload, 40);
            datagram[4] = payload.length >>> 8;
            datagram[5] = payload.length & 255;
            datagram[6] = done.ipProto;
            // Zeek's length: the unfragmentable part, without the fragment header, plus the data.
            ipLength = out.ipHeaderLength - 8 + payload.length;
        }
        for (let w = 0; w < 8; w++) {
            const v = done.addr[w];
            const at = done.ipVersion === 4 ? (w === 3 ? 12 : w === 7 ? 16 : -1) : 8 + w * 4;
            if (at < 0)
                continue;
            datagram[at] = v >>> 24;
            datagram[at + 1] = (v >>> 16) & 255;
            datagram[at + 2] = (v >>> 8) & 255;
            datagram[at + 3] = v & 255;
        }
        resetKeeping(out, out);
        out.data = datagram;
        const ok = decodeIp(datagram, 0, datagram.length, datagram.length, out, this.onEvent, this.decodeOptions);
        if (out.ipVersion !== 0) {
            out.ipLength = ipLength;
            out.ipCaptured = ipLength;
        }
        out.fragments = done.fragmentCount;
        return ok ? 1 : 0;
    }
    /** The next layer's packet, reset, with the outer packet's time and tunnel depth + 1. */
    innerOf(out, depth, type, source) {
        if (depth >= this.layers.length - 1) {
            this.onEvent({
                name: 'exceeded_tunnel_max_depth_in_tunnel',
                ts: out.ts,
                fileOffset: out.fileOffset,
                detail: `${type} inside ${depth} tunnels (${source})`,
            });
            return undefined;
        }
        const inner = this.layers[depth + 1];
        resetKeeping(inner, out);
        inner.vlan = 0;
        inner.innerVlan = 0;
        inner.tunnelDepth = depth + 1;
        inner.tunnelType = TunnelType.None;
        inner.tunnelUid = '';
        inner.data = out.data;
        return inner;
    }
    ipTunnel(out, depth) {
        const proto = out.ipProto;
        const inner = this.innerOf(out, depth, proto === IpProto.Gre ? 'GRE' : 'IP', 'IPTUNNEL');
        if (inner === undefined)
            return;
        const d = out.data;
        const start = out.payloadOffset;
        const end = start + out.payloadLength;
        const wireEnd = start + out.payloadClaimed;
        const ok = proto === IpProto.Gre
            ? decodeGre(d, start, end, wireEnd, inner, this.onEvent, this.decodeOptions)
            : decodeIpInIp(proto, d, start, end, wireEnd, inner, this.onEvent, this.decodeOptions);
        if (inner.tunnelType === TunnelType.None)
            return;
        this.enterIpTunnel(out, inner, proto === IpProto.Gre ? TunnelType.Gre : TunnelType.Ip);
        this.handle(inner, ok, depth + 1);
        this.subframes(inner, depth + 1);
    }
    /** Names the IP tunnel between `out`'s addresses (either direction) in `inner`. */
    enterIpTunnel(out, inner, type) {
        const a = out.addr;
        const forward = `${a[0]}.${a[1]}.${a[2]}.${a[3]}|${a[4]}.${a[5]}.${a[6]}.${a[7]}`;
        const backward = `${a[4]}.${a[5]}.${a[6]}.${a[7]}|${a[0]}.${a[1]}.${a[2]}.${a[3]}`;
        const key = forward < backward ? forward : backward;
        let uid = this.ipTunnels.get(key);
        if (uid === undefined) {
            if (this.ipTunnels.size >= this.options.maxIpTunnels) {
                const oldest = this.ipTunnels.keys().next();
                if (!oldest.done)
                    this.ipTunnels.delete(oldest.value);
            }
            uid = tunnelUid(key, out.ts);
            this.ipTunnels.set(key, uid);
            this.discovered(out, uid, type, 0, 0);
        }
        inner.tunnelType = type;
        inner.tunnelUid = uid;
    }
    discovered(out, uid, type, origP, respP) {
        this.tunnels.push({
            ts: out.ts,
            uid,
            origH: formatAddress(out.addr, 0),
            origP,
            respH: formatAddress(out.addr, 4),
            respP,
            tunnelType: TUNNEL_TYPE_NAMES[type] ?? '',
            action: 'Tunnel::DISCOVER',
        });
    }
    udpTunnel(out, conn, depth) {
        const d = out.data;
        const start = out.payloadOffset;
        const end = start + out.payloadLength;
        const wireEnd = start + out.payloadClaimed;
        let type = TunnelType.None;
        let gre = false;
        switch (conn.respPort) {
            case TunnelPort.Vxlan:
                type = TunnelType.Vxlan;
                break;
            case TunnelPort.Geneve:
                type = TunnelType.Geneve;
                break;
            case TunnelPort.GtpUser:
            case TunnelPort.GtpControl:
                type = TunnelType.Gtpv1;
                break;
            case TunnelPort.Teredo:
                type = TunnelType.Teredo;
                break;
            case TunnelPort.Ayiya:
                type = TunnelType.Ayiya;
                break;
            case TunnelPort.Gre:
                gre = true;
                break;
            default:
                if (looksLikeTeredo(d, start, end, out))
                    type = TunnelType.Teredo;
                else
                    return;
        }
        const name = gre ? 'GRE' : (TUNNEL_TYPE_NAMES[type] ?? '').replace('Tunnel::', '');
        const inner = this.innerOf(out, depth, name, name);
        if (inner === undefined)
            return;
        const sink = this.onEvent;
        const options = this.decodeOptions;
        if (gre) {
            const ok = decodeGre(d, start, end, wireEnd, inner, sink, options);
            if (inner.tunnelType === TunnelType.None)
                return;
            this.enterIpTunnel(out, inner, TunnelType.Gre);
            this.handle(inner, ok, depth + 1);
            this.subframes(inner, depth + 1);
            return;
        }
        inner.tunnelType = TunnelType.None;
        let ok = false;
        switch (type) {
            case TunnelType.Vxlan:
                ok = decodeVxlan(d, start, end, wireEnd, inner, sink, options);
                break;
            case TunnelType.Geneve:
                ok = decodeGeneve(d, start, end, wireEnd, inner, sink, options);
                break;
            case TunnelType.Gtpv1:
                ok = decodeGtpv1(d, start, end, wireEnd, inner, sink, options);
                break;
            case TunnelType.Teredo:
                ok = decodeTeredo(d, start, end, wireEnd, inner, sink, options);
                break;
            case TunnelType.Ayiya:
                ok = decodeAyiya(d, start, end, wireEnd, inner, sink, options);
                break;
        }
        if (inner.tunnelType === TunnelType.None)
            return;
        if (!this.udpTunnels.has(conn.uid)) {
            if (this.udpTunnels.size >= this.options.maxIpTunnels) {
                const oldest = this.udpTunnels.values().next();
                if (!oldest.done)
                    this.udpTunnels.delete(oldest.value);
            }
            this.udpTunnels.add(conn.uid);
            this.discovered(out, conn.uid, type, out.srcPort, out.dstPort);
        }
        this.confirm(conn, type);
        inner.tunnelType = type;
        inner.tunnelUid = conn.uid;
        this.handle(inner, ok, depth + 1);
        this.subframes(inner, depth + 1);
    }
    /** Gives the outer connection its tunnel service, once per Zeek's confirmation rules. */
    confirm(conn, type) {
        if (conn.tunnelService !== '')
            return;
        conn.tunnelFlags |= conn.lastFromOrig ? VALID_ORIG : VALID_RESP;
        const delay = (type === TunnelType.Teredo && this.options.delayTeredoConfirmation) ||
            (type === TunnelType.Gtpv1 && this.options.delayGtpConfirmation);
        if (delay && conn.tunnelFlags !== (VALID_ORIG | VALID_RESP))
            return;
        conn.tunnelService = TUNNEL_SERVICE[type] ?? '';
    }
}
/** Resets `p` for a new decode, keeping `from`'s time, file offset, data and tunnel fields. */
function resetKeeping(p, from) {
    const ts = from.ts;
    const fileOffset = from.fileOffset;
    const data = from.data;
    const vlan = from.vlan;
    const innerVlan = from.innerVlan;
    const depth = from.tunnelDepth;
    const type = from.tunnelType;
    const uid = from.tunnelUid;
    p.reset();
    p.ts = ts;
    p.fileOffset = fileOffset;
    p.data = data;
    p.vlan = vlan;
    p.innerVlan = innerVlan;
    p.tunnelDepth = depth;
    p.tunnelType = type;
    p.tunnelUid = uid;
}
//# sourceMappingURL=packet-path.js.map