/**
 * Pure matchers of the `content` detector (content.ts) for suspicious destinations. Sensitive
 * values and command lines are matched by shared/sensitive-patterns.ts, which the capture
 * path's payload inspector uses too.
 */
const DOMAIN_RE = /^(?:[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?)(?:\.[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?)*$/;
const CATEGORY_RE = /^[a-z][a-z0-9-]{0,31}$/;
/**
 * Parses a destination list: one entry per line, `#` starts a comment, blank lines ignored; an
 * entry is a domain (`ngrok.io`, a TLD such as `tk`; a leading `.` or `*.` is dropped) or a
 * domain with a path prefix (`discord.com/api/webhooks`), optionally followed by whitespace and a
 * category word. Throws an Error naming `source` and the line of the first bad entry.
 */
export function parseDestinationList(text, source, defaultCategory = 'custom') {
    const out = [];
    const lines = text.split(/\r?\n/);
    for (let k = 0; k < lines.length; k++) {
        const hash = lines[k].indexOf('#');
        const line = (hash >= 0 ? lines[k].slice(0, hash) : lines[k]).trim();
        if (line === '')
            continue;
        const parts = line.split(/\s+/);
        const fail = (why) => {
            throw new Error(`${source}:${k + 1}: ${why}: ${JSON.stringify(line)}`);
        };
        if (parts.length > 2)
            fail('expected an entry and at most one category word');
        let entry = parts[0].toLowerCase();
        if (entry.startsWith('*.'))
            entry = entry.slice(2);
        else if (entry.startsWith('.'))
            entry = entry.slice(1);
        const slash = entry.indexOf('/');
        const domain = slash >= 0 ? entry.slice(0, slash) : entry;
        if (domain.length === 0 || domain.length > 253 || !DOMAIN_RE.test(domain))
            fail('not a domain name');
        if (slash >= 0 && !/^\/[\x21-\x7e]*$/.test(entry.slice(slash)))
            fail('not a path');
        const category = parts[1]?.toLowerCase() ?? defaultCategory;
        if (!CATEGORY_RE.test(category))
            fail('a category is one lower-case word');
        out.push({ entry, category });
    }
    return out;
}
/** Looks names (and HTTP host + URI) up in a destination list, by suffix on label boundaries. */
export class DestinationMatcher {
    byDomain = new Map();
    /** Entries with a path, by their domain. */
    byDomainPath = new Map();
    constructor(entries) {
        for (const e of entries) {
            const slash = e.entry.indexOf('/');
            if (slash < 0) {
                if (!this.byDomain.has(e.entry))
                    this.byDomain.set(e.entry, e);
                continue;
            }
            const domain = e.entry.slice(0, slash);
            const list = this.byDomainPath.get(domain) ?? [];
            list.push(e);
            this.byDomainPath.set(domain, list);
        }
    }
    /**
     * The entry (without a path) that `name` falls under, longest suffix first; undefined when
     * none. `name` may carry a port or a trailing dot and any case.
     */
    matchName(name) {
        const n = normaliseName(name);
        if (n === '')
            return undefined;
        for (let at = 0; at >= 0; at = nextLabel(n, at)) {
            const e = this.byDomain.get(at === 0 ? n : n.slice(at));
            if (e !== undefined)
                return e;
        }
        return undefined;
    }
    /** As `matchName`, and then entries with a path: host suffix and URI prefix (case-insensitive). */
    matchUrl(host, uri) {
        const byName = this.matchName(host);
        if (byName !== undefined || this.byDomainPath.size === 0)
            return byName;
        const n = normaliseName(host);
        if (n === '')
            return undefined;
        const path = uri.toLowerCase();
        for (let at = 0; at >= 0; at = nextLabel(n, at)) {
            const list = this.byDomainPath.get(at === 0 ? n : n.slice(at));
            if (list === undefined)
                continue;
            for (const e of list)
                if (path.startsWith(e.entry.slice(e.entry.indexOf('/'))))
                    return e;
        }
        return undefined;
    }
}
function nextLabel(name, at) {
    const dot = name.indexOf('.', at);
    return dot < 0 ? -1 : dot + 1;
}
/** Lower case, without a `:port`, a trailing dot or surrounding brackets. */
export function normaliseName(name) {
    let n = name.trim().toLowerCase();
    if (n.startsWith('['))
        return ''; // an IPv6 literal
    const colon = n.lastIndexOf(':');
    if (colon >= 0)
        n = n.slice(0, colon);
    while (n.endsWith('.'))
        n = n.slice(0, -1);
    return n;
}
//# sourceMappingURL=content-patterns.js.map