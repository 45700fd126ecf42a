/**
 * Pure matchers of the `content` detector (content.ts) for suspicious destinations. Sensitive
 * values and command lines are matched by shared/sensitive-patterns.ts, which the capture
 * path's payload inspector uses too.
 */
export interface DestinationEntry {
    /** Lower-case domain suffix, optionally followed by a path prefix (`discord.com/api/webhooks`). */
    readonly entry: string;
    /** free-tld, paste, file-sharing, tunnel, webhook or the list's own word (default `custom`). */
    readonly category: string;
}
/**
 * Parses a destination list: one entry per line, `#` starts a comment, blank lines ignored; an
 * entry is a domain (`ngrok.io`, a TLD such as `tk`; a leading `.` or `*.` is dropped) or a
 * domain with a path prefix (`discord.com/api/webhooks`), optionally followed by whitespace and a
 * category word. Throws an Error naming `source` and the line of the first bad entry.
 */
export declare function parseDestinationList(text: string, source: string, defaultCategory?: string): DestinationEntry[];
/** Looks names (and HTTP host + URI) up in a destination list, by suffix on label boundaries. */
export declare class DestinationMatcher {
    private readonly byDomain;
    /** Entries with a path, by their domain. */
    private readonly byDomainPath;
    constructor(entries: readonly DestinationEntry[]);
    /**
     * The entry (without a path) that `name` falls under, longest suffix first; undefined when
     * none. `name` may carry a port or a trailing dot and any case.
     */
    matchName(name: string): DestinationEntry | undefined;
    /** As `matchName`, and then entries with a path: host suffix and URI prefix (case-insensitive). */
    matchUrl(host: string, uri: string): DestinationEntry | undefined;
}
/** Lower case, without a `:port`, a trailing dot or surrounding brackets. */
export declare function normaliseName(name: string): string;
