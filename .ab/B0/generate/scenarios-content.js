import { US } from './actor.js';
import { makeAddr, randomWord } from './network.js';
import { OutboundScenario } from './scenario-base.js';
const AWS_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const LOWER_DIGITS = 'abcdefghijklmnopqrstuvwxyz0123456789';
function chars(rng, alphabet, n) {
    let s = '';
    for (let i = 0; i < n; i++)
        s += alphabet[rng.int(alphabet.length)];
    return s;
}
/** A 16-digit Visa-range number with a valid Luhn check digit. */
export function syntheticCard(rng) {
    let body = `4${chars(rng, '0123456789', 14)}`;
    let sum = 0;
    for (let i = body.length - 1, double = true; i >= 0; i--, double = !double) {
        let d = body.charCodeAt(i) - 48;
        if (double) {
            d *= 2;
            if (d > 9)
                d -= 9;
        }
        sum += d;
    }
    body += String((10 - (sum % 10)) % 10);
    return body;
}
/** Only the last four characters. */
function masked(value) {
    return `${'*'.repeat(value.length - 4)}${value.slice(-4)}`;
}
const SCRIPT_UA = 'python-requests/2.31.0';
/** Card numbers and an access key in HTTP query strings; uploads to a paste site and a tunnel. */
export class ContentLeak extends OutboundScenario {
    shop;
    shopDomain;
    paste;
    pasteDomain = 'pastebin.com';
    tunnel;
    tunnelDomain;
    accessKey;
    cards = [];
    steps = [];
    resolvedUntil = new Map();
    cardRequests = 0;
    keyRequests = 0;
    pasteSessions = 0;
    tunnelSessions = 0;
    certFps;
    constructor(ctx, host) {
        super(ctx, 'content.leak', host);
        const rng = this.rng;
        const offsets = rng.shuffle(Array.from({ length: 55 }, (_, k) => k));
        this.shop = makeAddr(`198.51.100.${200 + offsets[0]}`);
        this.paste = makeAddr(`198.51.100.${200 + offsets[1]}`);
        this.tunnel = makeAddr(`198.51.100.${200 + offsets[2]}`);
        this.shopDomain = `${rng.pick(['shop', 'pay', 'store', 'billing'])}.${randomWord(rng, 2)}${rng.pick(['mart', 'deals', 'hub'])}.${rng.pick(['com', 'net', 'biz'])}`;
        this.tunnelDomain = `${chars(rng, LOWER_DIGITS, 12)}.ngrok-free.app`;
        this.accessKey = `AKIA${chars(rng, AWS_ALPHABET, 16)}`;
        const cardCount = 2 + rng.int(3);
        for (let k = 0; k < cardCount; k++)
            this.cards.push(syntheticCard(rng));
        for (const card of this.cards)
            this.steps.push({ kind: 'card', card });
        const keyCount = 1 + rng.int(2);
        for (let k = 0; k < keyCount; k++)
            this.steps.push({ kind: 'key' });
        for (let k = 0; k < 2; k++)
            this.steps.push({ kind: 'paste' });
        for (let k = 0; k < 2 + rng.int(3); k++)
            this.steps.push({ kind: 'tunnel' });
        const order = rng.shuffle(this.steps.map((_, k) => k));
        const shuffled = order.map((k) => this.steps[k]);
        this.steps.splice(0, this.steps.length, ...shuffled);
        this.certFps = [0, 1].map(() => chars(rng, '0123456789abcdef', 64));
        // Steps every 1–6 minutes: the whole leak fits well inside an hour.
        this.nextUs = this.place(this.steps.length * 6 * 60 * US, 0.1, 0.85);
    }
    expectedConnections() {
        // A lookup and a connection per step at most.
        return 2 * this.steps.length;
    }
    /** A DNS lookup unless the answer is still cached; returns when the answer is in hand. */
    lookup(t, domain, addr) {
        if (t < (this.resolvedUntil.get(domain) ?? Number.NEGATIVE_INFINITY))
            return t;
        const rtt = this.rng.range(15_000, 90_000);
        this.ctx.em.dnsExchange({
            tsUs: t,
            orig: this.host.addr,
            origPort: this.nextPort(),
            resp: this.ctx.world.dns.addr,
            transId: this.rng.int(65_536),
            rttUs: rtt,
            q: {
                query: domain,
                qtype: 1,
                qtypeName: 'A',
                rcode: 0,
                rcodeName: 'NOERROR',
                authoritative: false,
                answers: addr.text,
                ttls: '60.000000',
            },
        });
        this.seen(t);
        this.resolvedUntil.set(domain, t + 60 * US);
        return t + rtt + this.rng.range(300, 3_000);
    }
    httpGet(ts, uri) {
        const rng = this.rng;
        const port = this.nextPort();
        const em = this.ctx.em;
        const responseBodyLen = rng.range(40, 400);
        em.tcp({
            tsUs: ts,
            orig: this.host.addr,
            origPort: port,
            resp: this.shop,
            respPort: 80,
            service: 'http',
            outcome: 'SF',
            durationUs: rng.range(40_000, 400_000),
            origBytes: 120 + uri.length + this.shopDomain.length + SCRIPT_UA.length,
            respBytes: 180 + responseBodyLen,
        });
        em.http({
            tsUs: ts + rng.range(1_000, 20_000),
            orig: this.host.addr,
            origPort: port,
            resp: this.shop,
            respPort: 80,
            depth: 1,
            method: 'GET',
            host: this.shopDomain,
            uri,
            referrer: undefined,
            userAgent: SCRIPT_UA,
            requestBodyLen: 0,
            responseBodyLen,
            status: 200,
            statusMsg: 'OK',
            requestMime: undefined,
            responseMime: 'application/json',
        });
        this.seen(ts);
    }
    fire(t) {
        const rng = this.rng;
        const step = this.steps.shift();
        if (step !== undefined) {
            if (step.kind === 'card') {
                const ts = this.lookup(t, this.shopDomain, this.shop);
                const exp = `${String(1 + rng.int(12)).padStart(2, '0')}${27 + rng.int(4)}`;
                this.httpGet(ts, `/checkout/confirm?cc=${step.card}&exp=${exp}&cvv=${rng.range(100, 999)}`);
                this.cardRequests++;
            }
            else if (step.kind === 'key') {
                const ts = this.lookup(t, this.shopDomain, this.shop);
                this.httpGet(ts, `/api/v2/sync?access_key=${this.accessKey}&region=us-east-1`);
                this.keyRequests++;
            }
            else {
                const paste = step.kind === 'paste';
                const domain = paste ? this.pasteDomain : this.tunnelDomain;
                const addr = paste ? this.paste : this.tunnel;
                const ts = this.lookup(t, domain, addr);
                this.tlsSession(ts, {
                    resp: addr,
                    domain,
                    durationUs: rng.range(300_000, 4_000_000),
                    origBytes: rng.range(20_000, 400_000),
                    respBytes: rng.range(2_000, 8_000),
                    certFp: this.certFps[paste ? 0 : 1],
                });
                if (paste)
                    this.pasteSessions++;
                else
                    this.tunnelSessions++;
            }
        }
        const next = t + rng.range(60 * US, 6 * 60 * US);
        this.nextUs = this.steps.length > 0 && next < this.ctx.endUs ? next : Number.POSITIVE_INFINITY;
    }
    label() {
        const { start, end } = this.window();
        const cards = this.cards.slice(0, this.cardRequests).map(masked);
        return {
            id: 'content.leak-1',
            type: 'content.leak',
            src: this.host.addr.text,
            targets: [this.shop.text, this.paste.text, this.tunnel.text],
            ports: [80, 443],
            domain: this.shopDomain,
            hostName: this.host.name,
            start,
            end,
            connections: this.connections,
            description: `${this.host.name} (${this.host.addr.text}) sends ${this.cardRequests} card number(s) (${cards.join(', ')}) ` +
                `and ${this.keyRequests} time(s) an AWS access key (${masked(this.accessKey)}) in query strings ` +
                `over plain HTTP to ${this.shopDomain} (${this.shop.text}), and uploads through ${this.pasteDomain} ` +
                `(${this.pasteSessions} TLS sessions) and the ngrok tunnel ${this.tunnelDomain} (${this.tunnelSessions} TLS sessions)`,
            params: {
                cardRequests: this.cardRequests,
                keyRequests: this.keyRequests,
                pasteSessions: this.pasteSessions,
                tunnelSessions: this.tunnelSessions,
                tunnelDomain: this.tunnelDomain,
            },
        };
    }
}
//# sourceMappingURL=scenarios-content.js.map