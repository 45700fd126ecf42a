/**
 * TLS for one TCP stream direction, incremental and bounded, plus the pairing of both
 * directions into a Zeek `ssl.log` record.
 *
 * `TlsStreamParser.push(bytes, ts)` takes the payload of one direction in order, in chunks of any
 * size (one byte at a time works). It reads the record layer (SSLv2-compatible client hellos
 * too), reassembles handshake messages across records, parses ClientHello, ServerHello,
 * Certificate (with a small DER/X.509 reader) and ServerKeyExchange, and notices
 * ChangeCipherSpec and encrypted records. Nothing here throws on input: a malformed input is a
 * `ProtocolEvent` and, where Zeek's analyzer gives up (an analyzer violation), both directions
 * stop reading.
 *
 * The connection-level rules (which records count as encrypted, when the session is
 * `established`, `resumed`, `ssl_history` letters, the direction flip) follow Zeek's SSL
 * analyzer (ssl-protocol.pac / tls-handshake-protocol.pac) and base/protocols/ssl/main.zeek, so
 * they live in one `TlsConnState` shared by the two directions: `createTlsPair()` makes such a
 * pair, and `tlsLogRecord(orig, resp)` reads it. Like Zeek (disable_analyzer_after_detection),
 * the pair stops reading once the session is established: nothing later changes the record.
 *
 * Bounds, and what they cost: a record body is buffered only when it is plaintext (handshake,
 * alert, CCS, heartbeat), at most 2^14 + 2048 bytes (RFC 5246's TLSCiphertext limit; larger is
 * a violation). A handshake message is reassembled up to 64 KiB; a larger Certificate message is
 * read as it streams (each certificate hashed incrementally, its first 64 KiB kept for the X.509
 * fields), any other larger message is skipped with an event, and the stream stays in sync.
 * Certificate DER is hashed and summarised, never kept. Lists in a hello keep 256 values each;
 * at most 16 certificates per side; events are capped per parser.
 */
import { createHash } from 'node:crypto';
/** Largest record body accepted: 2^14 plaintext + 2048 expansion (RFC 5246 §6.2.3). */
export const TLS_MAX_RECORD = 16384 + 2048;
/** Largest handshake message reassembled; a real certificate chain is a few KiB. */
export const TLS_MAX_HANDSHAKE = 64 * 1024;
/** Values kept per list in a hello (ciphers, extensions, groups, …): far above real clients. */
const MAX_LIST = 256;
/** Certificates kept (summaries) per direction. */
const MAX_CERTS = 16;
/** Events one parser may emit; after that it goes quiet (the first ones tell the story). */
const MAX_EVENTS = 32;
/** Zeek's SSL::max_alerts_per_record default, and its ssl_history cap. */
const MAX_ALERTS_PER_RECORD = 10;
const MAX_HISTORY = 100;
// ---------------------------------------------------------------------------------------------
// Names, as Zeek's base/protocols/ssl/consts.zeek prints them.
const V_SSL2 = 0x0002;
const V_SSL3 = 0x0300;
const V_TLS10 = 0x0301;
const V_TLS12 = 0x0303;
const V_TLS13 = 0x0304;
const VERSION_NAMES = new Map([
    [0x0002, 'SSLv2'],
    [0x0300, 'SSLv3'],
    [0x0301, 'TLSv10'],
    [0x0302, 'TLSv11'],
    [0x0303, 'TLSv12'],
    [0x0304, 'TLSv13'],
    [0xfeff, 'DTLSv10'],
    [0xfefd, 'DTLSv12'],
    [0xfefc, 'DTLSv13'],
]);
/**
 * Zeek's version string: `TLSv12`, `TLSv13-draft23` for 0x7fXX, else `unknown-N`. The draft
 * test divides by 255, not 256, exactly as Zeek's script does (0x7e01 is not a draft).
 */
export function tlsVersionName(v) {
    const known = VERSION_NAMES.get(v);
    if (known)
        return known;
    if (Math.floor(v / 0xff) === 0x7f)
        return `TLSv13-draft${v % 0x7f}`;
    return `unknown-${v}`;
}
/** True for Zeek's "this negotiated version is TLS 1.3 or a draft of it" (determine_tls13). */
function isTls13(v) {
    return v === V_TLS13 || Math.floor(v / 0xff) === 0x7f;
}
/** GREASE values (RFC 8701): 0x?A?A with both bytes equal. */
export function isGrease(v) {
    return (v & 0x0f0f) === 0x0a0a && v >> 8 === (v & 0xff);
}
function greaseName(v) {
    return isGrease(v) ? `grease_0x${v.toString(16).toUpperCase().padStart(4, '0')}` : undefined;
}
/**
 * IANA cipher suite names (the spellings of Zeek's cipher_desc: `TLS_DH_ANON_…`,
 * `…_CHACHA20_POLY1305_SHA256_OLD` for the pre-RFC code points). Hex code, space, name.
 */
const CIPHER_TABLE = `
0000 TLS_NULL_WITH_NULL_NULL
0001 TLS_RSA_WITH_NULL_MD5
0002 TLS_RSA_WITH_NULL_SHA
0003 TLS_RSA_EXPORT_WITH_RC4_40_MD5
0004 TLS_RSA_WITH_RC4_128_MD5
0005 TLS_RSA_WITH_RC4_128_SHA
0006 TLS_RSA_EXPORT_WITH_RC2_CBC_40_MD5
0007 TLS_RSA_WITH_IDEA_CBC_SHA
0008 TLS_RSA_EXPORT_WITH_DES40_CBC_SHA
0009 TLS_RSA_WITH_DES_CBC_SHA
000a TLS_RSA_WITH_3DES_EDE_CBC_SHA
000b TLS_DH_DSS_EXPORT_WITH_DES40_CBC_SHA
000c TLS_DH_DSS_WITH_DES_CBC_SHA
000d TLS_DH_DSS_WITH_3DES_EDE_CBC_SHA
000e TLS_DH_RSA_EXPORT_WITH_DES40_CBC_SHA
000f TLS_DH_RSA_WITH_DES_CBC_SHA
0010 TLS_DH_RSA_WITH_3DES_EDE_CBC_SHA
0011 TLS_DHE_DSS_EXPORT_WITH_DES40_CBC_SHA
0012 TLS_DHE_DSS_WITH_DES_CBC_SHA
0013 TLS_DHE_DSS_WITH_3DES_EDE_CBC_SHA
0014 TLS_DHE_RSA_EXPORT_WITH_DES40_CBC_SHA
0015 TLS_DHE_RSA_WITH_DES_CBC_SHA
0016 TLS_DHE_RSA_WITH_3DES_EDE_CBC_SHA
0017 TLS_DH_ANON_EXPORT_WITH_RC4_40_MD5
0018 TLS_DH_ANON_WITH_RC4_128_MD5
0019 TLS_DH_ANON_EXPORT_WITH_DES40_CBC_SHA
001a TLS_DH_ANON_WITH_DES_CBC_SHA
001b TLS_DH_ANON_WITH_3DES_EDE_CBC_SHA
001c SSL_FORTEZZA_KEA_WITH_NULL_SHA
001d SSL_FORTEZZA_KEA_WITH_FORTEZZA_CBC_SHA
001e TLS_KRB5_WITH_DES_CBC_SHA
001f TLS_KRB5_WITH_3DES_EDE_CBC_SHA
0020 TLS_KRB5_WITH_RC4_128_SHA
0021 TLS_KRB5_WITH_IDEA_CBC_SHA
0022 TLS_KRB5_WITH_DES_CBC_MD5
0023 TLS_KRB5_WITH_3DES_EDE_CBC_MD5
0024 TLS_KRB5_WITH_RC4_128_MD5
0025 TLS_KRB5_WITH_IDEA_CBC_MD5
0026 TLS_KRB5_EXPORT_WITH_DES_CBC_40_SHA
0027 TLS_KRB5_EXPORT_WITH_RC2_CBC_40_SHA
0028 TLS_KRB5_EXPORT_WITH_RC4_40_SHA
0029 TLS_KRB5_EXPORT_WITH_DES_CBC_40_MD5
002a TLS_KRB5_EXPORT_WITH_RC2_CBC_40_MD5
002b TLS_KRB5_EXPORT_WITH_RC4_40_MD5
002f TLS_RSA_WITH_AES_128_CBC_SHA
0030 TLS_DH_DSS_WITH_AES_128_CBC_SHA
0031 TLS_DH_RSA_WITH_AES_128_CBC_SHA
0032 TLS_DHE_DSS_WITH_AES_128_CBC_SHA
0033 TLS_DHE_RSA_WITH_AES_128_CBC_SHA
0034 TLS_DH_ANON_WITH_AES_128_CBC_SHA
0035 TLS_RSA_WITH_AES_256_CBC_SHA
0036 TLS_DH_DSS_WITH_AES_256_CBC_SHA
0037 TLS_DH_RSA_WITH_AES_256_CBC_SHA
0038 TLS_DHE_DSS_WITH_AES_256_CBC_SHA
0039 TLS_DHE_RSA_WITH_AES_256_CBC_SHA
003a TLS_DH_ANON_WITH_AES_256_CBC_SHA
003b TLS_RSA_WITH_NULL_SHA256
003c TLS_RSA_WITH_AES_128_CBC_SHA256
003d TLS_RSA_WITH_AES_256_CBC_SHA256
003e TLS_DH_DSS_WITH_AES_128_CBC_SHA256
003f TLS_DH_RSA_WITH_AES_128_CBC_SHA256
0040 TLS_DHE_DSS_WITH_AES_128_CBC_SHA256
0041 TLS_RSA_WITH_CAMELLIA_128_CBC_SHA
0042 TLS_DH_DSS_WITH_CAMELLIA_128_CBC_SHA
0043 TLS_DH_RSA_WITH_CAMELLIA_128_CBC_SHA
0044 TLS_DHE_DSS_WITH_CAMELLIA_128_CBC_SHA
0045 TLS_DHE_RSA_WITH_CAMELLIA_128_CBC_SHA
0046 TLS_DH_ANON_WITH_CAMELLIA_128_CBC_SHA
0060 TLS_RSA_EXPORT1024_WITH_RC4_56_MD5
0061 TLS_RSA_EXPORT1024_WITH_RC2_CBC_56_MD5
0062 TLS_RSA_EXPORT1024_WITH_DES_CBC_SHA
0063 TLS_DHE_DSS_EXPORT1024_WITH_DES_CBC_SHA
0064 TLS_RSA_EXPORT1024_WITH_RC4_56_SHA
0065 TLS_DHE_DSS_EXPORT1024_WITH_RC4_56_SHA
0066 TLS_DHE_DSS_WITH_RC4_128_SHA
0067 TLS_DHE_RSA_WITH_AES_128_CBC_SHA256
0068 TLS_DH_DSS_WITH_AES_256_CBC_SHA256
0069 TLS_DH_RSA_WITH_AES_256_CBC_SHA256
006a TLS_DHE_DSS_WITH_AES_256_CBC_SHA256
006b TLS_DHE_RSA_WITH_AES_256_CBC_SHA256
006c TLS_DH_ANON_WITH_AES_128_CBC_SHA256
006d TLS_DH_ANON_WITH_AES_256_CBC_SHA256
0072 TLS_DHE_DSS_WITH_3DES_EDE_CBC_RMD
0073 TLS_DHE_DSS_WITH_AES_128_CBC_RMD
0074 TLS_DHE_DSS_WITH_AES_256_CBC_RMD
0077 TLS_DHE_RSA_WITH_3DES_EDE_CBC_RMD
0078 TLS_DHE_RSA_WITH_AES_128_CBC_RMD
0079 TLS_DHE_RSA_WITH_AES_256_CBC_RMD
007c TLS_RSA_WITH_3DES_EDE_CBC_RMD
007d TLS_RSA_WITH_AES_128_CBC_RMD
007e TLS_RSA_WITH_AES_256_CBC_RMD
0080 TLS_GOSTR341094_WITH_28147_CNT_IMIT
0081 TLS_GOSTR341001_WITH_28147_CNT_IMIT
0082 TLS_GOSTR341094_WITH_NULL_GOSTR3411
0083 TLS_GOSTR341001_WITH_NULL_GOSTR3411
0084 TLS_RSA_WITH_CAMELLIA_256_CBC_SHA
0085 TLS_DH_DSS_WITH_CAMELLIA_256_CBC_SHA
0086 TLS_DH_RSA_WITH_CAMELLIA_256_CBC_SHA
0087 TLS_DHE_DSS_WITH_CAMELLIA_256_CBC_SHA
0088 TLS_DHE_RSA_WITH_CAMELLIA_256_CBC_SHA
0089 TLS_DH_ANON_WITH_CAMELLIA_256_CBC_SHA
008a TLS_PSK_WITH_RC4_128_SHA
008b TLS_PSK_WITH_3DES_EDE_CBC_SHA
008c TLS_PSK_WITH_AES_128_CBC_SHA
008d TLS_PSK_WITH_AES_256_CBC_SHA
008e TLS_DHE_PSK_WITH_RC4_128_SHA
008f TLS_DHE_PSK_WITH_3DES_EDE_CBC_SHA
0090 TLS_DHE_PSK_WITH_AES_128_CBC_SHA
0091 TLS_DHE_PSK_WITH_AES_256_CBC_SHA
0092 TLS_RSA_PSK_WITH_RC4_128_SHA
0093 TLS_RSA_PSK_WITH_3DES_EDE_CBC_SHA
0094 TLS_RSA_PSK_WITH_AES_128_CBC_SHA
0095 TLS_RSA_PSK_WITH_AES_256_CBC_SHA
0096 TLS_RSA_WITH_SEED_CBC_SHA
0097 TLS_DH_DSS_WITH_SEED_CBC_SHA
0098 TLS_DH_RSA_WITH_SEED_CBC_SHA
0099 TLS_DHE_DSS_WITH_SEED_CBC_SHA
009a TLS_DHE_RSA_WITH_SEED_CBC_SHA
009b TLS_DH_ANON_WITH_SEED_CBC_SHA
009c TLS_RSA_WITH_AES_128_GCM_SHA256
009d TLS_RSA_WITH_AES_256_GCM_SHA384
009e TLS_DHE_RSA_WITH_AES_128_GCM_SHA256
009f TLS_DHE_RSA_WITH_AES_256_GCM_SHA384
00a0 TLS_DH_RSA_WITH_AES_128_GCM_SHA256
00a1 TLS_DH_RSA_WITH_AES_256_GCM_SHA384
00a2 TLS_DHE_DSS_WITH_AES_128_GCM_SHA256
00a3 TLS_DHE_DSS_WITH_AES_256_GCM_SHA384
00a4 TLS_DH_DSS_WITH_AES_128_GCM_SHA256
00a5 TLS_DH_DSS_WITH_AES_256_GCM_SHA384
00a6 TLS_DH_ANON_WITH_AES_128_GCM_SHA256
00a7 TLS_DH_ANON_WITH_AES_256_GCM_SHA384
00a8 TLS_PSK_WITH_AES_128_GCM_SHA256
00a9 TLS_PSK_WITH_AES_256_GCM_SHA384
00aa TLS_DHE_PSK_WITH_AES_128_GCM_SHA256
00ab TLS_DHE_PSK_WITH_AES_256_GCM_SHA384
00ac TLS_RSA_PSK_WITH_AES_128_GCM_SHA256
00ad TLS_RSA_PSK_WITH_AES_256_GCM_SHA384
00ae TLS_PSK_WITH_AES_128_CBC_SHA256
00af TLS_PSK_WITH_AES_256_CBC_SHA384
00b0 TLS_PSK_WITH_NULL_SHA256
00b1 TLS_PSK_WITH_NULL_SHA384
00b2 TLS_DHE_PSK_WITH_AES_128_CBC_SHA256
00b3 TLS_DHE_PSK_WITH_AES_256_CBC_SHA384
00b4 TLS_DHE_PSK_WITH_NULL_SHA256
00b5 TLS_DHE_PSK_WITH_NULL_SHA384
00b6 TLS_RSA_PSK_WITH_AES_128_CBC_SHA256
00b7 TLS_RSA_PSK_WITH_AES_256_CBC_SHA384
00b8 TLS_RSA_PSK_WITH_NULL_SHA256
00b9 TLS_RSA_PSK_WITH_NULL_SHA384
00ba TLS_RSA_WITH_CAMELLIA_128_CBC_SHA256
00bb TLS_DH_DSS_WITH_CAMELLIA_128_CBC_SHA256
00bc TLS_DH_RSA_WITH_CAMELLIA_128_CBC_SHA256
00bd TLS_DHE_DSS_WITH_CAMELLIA_128_CBC_SHA256
00be TLS_DHE_RSA_WITH_CAMELLIA_128_CBC_SHA256
00bf TLS_DH_ANON_WITH_CAMELLIA_128_CBC_SHA256
00c0 TLS_RSA_WITH_CAMELLIA_256_CBC_SHA256
00c1 TLS_DH_DSS_WITH_CAMELLIA_256_CBC_SHA256
00c2 TLS_DH_RSA_WITH_CAMELLIA_256_CBC_SHA256
00c3 TLS_DHE_DSS_WITH_CAMELLIA_256_CBC_SHA256
00c4 TLS_DHE_RSA_WITH_CAMELLIA_256_CBC_SHA256
00c5 TLS_DH_ANON_WITH_CAMELLIA_256_CBC_SHA256
00ff TLS_EMPTY_RENEGOTIATION_INFO_SCSV
1301 TLS_AES_128_GCM_SHA256
1302 TLS_AES_256_GCM_SHA384
1303 TLS_CHACHA20_POLY1305_SHA256
1304 TLS_AES_128_CCM_SHA256
1305 TLS_AES_128_CCM_8_SHA256
16b7 TLS_CECPQ1_RSA_WITH_CHACHA20_POLY1305_SHA256
16b8 TLS_CECPQ1_ECDSA_WITH_CHACHA20_POLY1305_SHA256
16b9 TLS_CECPQ1_RSA_WITH_AES_256_GCM_SHA384
16ba TLS_CECPQ1_ECDSA_WITH_AES_256_GCM_SHA384
5600 TLS_FALLBACK_SCSV
c001 TLS_ECDH_ECDSA_WITH_NULL_SHA
c002 TLS_ECDH_ECDSA_WITH_RC4_128_SHA
c003 TLS_ECDH_ECDSA_WITH_3DES_EDE_CBC_SHA
c004 TLS_ECDH_ECDSA_WITH_AES_128_CBC_SHA
c005 TLS_ECDH_ECDSA_WITH_AES_256_CBC_SHA
c006 TLS_ECDHE_ECDSA_WITH_NULL_SHA
c007 TLS_ECDHE_ECDSA_WITH_RC4_128_SHA
c008 TLS_ECDHE_ECDSA_WITH_3DES_EDE_CBC_SHA
c009 TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA
c00a TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA
c00b TLS_ECDH_RSA_WITH_NULL_SHA
c00c TLS_ECDH_RSA_WITH_RC4_128_SHA
c00d TLS_ECDH_RSA_WITH_3DES_EDE_CBC_SHA
c00e TLS_ECDH_RSA_WITH_AES_128_CBC_SHA
c00f TLS_ECDH_RSA_WITH_AES_256_CBC_SHA
c010 TLS_ECDHE_RSA_WITH_NULL_SHA
c011 TLS_ECDHE_RSA_WITH_RC4_128_SHA
c012 TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA
c013 TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA
c014 TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA
c015 TLS_ECDH_ANON_WITH_NULL_SHA
c016 TLS_ECDH_ANON_WITH_RC4_128_SHA
c017 TLS_ECDH_ANON_WITH_3DES_EDE_CBC_SHA
c018 TLS_ECDH_ANON_WITH_AES_128_CBC_SHA
c019 TLS_ECDH_ANON_WITH_AES_256_CBC_SHA
c01a TLS_SRP_SHA_WITH_3DES_EDE_CBC_SHA
c01b TLS_SRP_SHA_RSA_WITH_3DES_EDE_CBC_SHA
c01c TLS_SRP_SHA_DSS_WITH_3DES_EDE_CBC_SHA
c01d TLS_SRP_SHA_WITH_AES_128_CBC_SHA
c01e TLS_SRP_SHA_RSA_WITH_AES_128_CBC_SHA
c01f TLS_SRP_SHA_DSS_WITH_AES_128_CBC_SHA
c020 TLS_SRP_SHA_WITH_AES_256_CBC_SHA
c021 TLS_SRP_SHA_RSA_WITH_AES_256_CBC_SHA
c022 TLS_SRP_SHA_DSS_WITH_AES_256_CBC_SHA
c023 TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256
c024 TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384
c025 TLS_ECDH_ECDSA_WITH_AES_128_CBC_SHA256
c026 TLS_ECDH_ECDSA_WITH_AES_256_CBC_SHA384
c027 TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256
c028 TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384
c029 TLS_ECDH_RSA_WITH_AES_128_CBC_SHA256
c02a TLS_ECDH_RSA_WITH_AES_256_CBC_SHA384
c02b TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256
c02c TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384
c02d TLS_ECDH_ECDSA_WITH_AES_128_GCM_SHA256
c02e TLS_ECDH_ECDSA_WITH_AES_256_GCM_SHA384
c02f TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256
c030 TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384
c031 TLS_ECDH_RSA_WITH_AES_128_GCM_SHA256
c032 TLS_ECDH_RSA_WITH_AES_256_GCM_SHA384
c033 TLS_ECDHE_PSK_WITH_RC4_128_SHA
c034 TLS_ECDHE_PSK_WITH_3DES_EDE_CBC_SHA
c035 TLS_ECDHE_PSK_WITH_AES_128_CBC_SHA
c036 TLS_ECDHE_PSK_WITH_AES_256_CBC_SHA
c037 TLS_ECDHE_PSK_WITH_AES_128_CBC_SHA256
c038 TLS_ECDHE_PSK_WITH_AES_256_CBC_SHA384
c039 TLS_ECDHE_PSK_WITH_NULL_SHA
c03a TLS_ECDHE_PSK_WITH_NULL_SHA256
c03b TLS_ECDHE_PSK_WITH_NULL_SHA384
c03c TLS_RSA_WITH_ARIA_128_CBC_SHA256
c03d TLS_RSA_WITH_ARIA_256_CBC_SHA384
c03e TLS_DH_DSS_WITH_ARIA_128_CBC_SHA256
c03f TLS_DH_DSS_WITH_ARIA_256_CBC_SHA384
c040 TLS_DH_RSA_WITH_ARIA_128_CBC_SHA256
c041 TLS_DH_RSA_WITH_ARIA_256_CBC_SHA384
c042 TLS_DHE_DSS_WITH_ARIA_128_CBC_SHA256
c043 TLS_DHE_DSS_WITH_ARIA_256_CBC_SHA384
c044 TLS_DHE_RSA_WITH_ARIA_128_CBC_SHA256
c045 TLS_DHE_RSA_WITH_ARIA_256_CBC_SHA384
c046 TLS_DH_ANON_WITH_ARIA_128_CBC_SHA256
c047 TLS_DH_ANON_WITH_ARIA_256_CBC_SHA384
c048 TLS_ECDHE_ECDSA_WITH_ARIA_128_CBC_SHA256
c049 TLS_ECDHE_ECDSA_WITH_ARIA_256_CBC_SHA384
c04a TLS_ECDH_ECDSA_WITH_ARIA_128_CBC_SHA256
c04b TLS_ECDH_ECDSA_WITH_ARIA_256_CBC_SHA384
c04c TLS_ECDHE_RSA_WITH_ARIA_128_CBC_SHA256
c04d TLS_ECDHE_RSA_WITH_ARIA_256_CBC_SHA384
c04e TLS_ECDH_RSA_WITH_ARIA_128_CBC_SHA256
c04f TLS_ECDH_RSA_WITH_ARIA_256_CBC_SHA384
c050 TLS_RSA_WITH_ARIA_128_GCM_SHA256
c051 TLS_RSA_WITH_ARIA_256_GCM_SHA384
c052 TLS_DHE_RSA_WITH_ARIA_128_GCM_SHA256
c053 TLS_DHE_RSA_WITH_ARIA_256_GCM_SHA384
c054 TLS_DH_RSA_WITH_ARIA_128_GCM_SHA256
c055 TLS_DH_RSA_WITH_ARIA_256_GCM_SHA384
c056 TLS_DHE_DSS_WITH_ARIA_128_GCM_SHA256
c057 TLS_DHE_DSS_WITH_ARIA_256_GCM_SHA384
c058 TLS_DH_DSS_WITH_ARIA_128_GCM_SHA256
c059 TLS_DH_DSS_WITH_ARIA_256_GCM_SHA384
c05a TLS_DH_ANON_WITH_ARIA_128_GCM_SHA256
c05b TLS_DH_ANON_WITH_ARIA_256_GCM_SHA384
c05c TLS_ECDHE_ECDSA_WITH_ARIA_128_GCM_SHA256
c05d TLS_ECDHE_ECDSA_WITH_ARIA_256_GCM_SHA384
c05e TLS_ECDH_ECDSA_WITH_ARIA_128_GCM_SHA256
c05f TLS_ECDH_ECDSA_WITH_ARIA_256_GCM_SHA384
c060 TLS_ECDHE_RSA_WITH_ARIA_128_GCM_SHA256
c061 TLS_ECDHE_RSA_WITH_ARIA_256_GCM_SHA384
c062 TLS_ECDH_RSA_WITH_ARIA_128_GCM_SHA256
c063 TLS_ECDH_RSA_WITH_ARIA_256_GCM_SHA384
c064 TLS_PSK_WITH_ARIA_128_CBC_SHA256
c065 TLS_PSK_WITH_ARIA_256_CBC_SHA384
c066 TLS_DHE_PSK_WITH_ARIA_128_CBC_SHA256
c067 TLS_DHE_PSK_WITH_ARIA_256_CBC_SHA384
c068 TLS_RSA_PSK_WITH_ARIA_128_CBC_SHA256
c069 TLS_RSA_PSK_WITH_ARIA_256_CBC_SHA384
c06a TLS_PSK_WITH_ARIA_128_GCM_SHA256
c06b TLS_PSK_WITH_ARIA_256_GCM_SHA384
c06c TLS_DHE_PSK_WITH_ARIA_128_GCM_SHA256
c06d TLS_DHE_PSK_WITH_ARIA_256_GCM_SHA384
c06e TLS_RSA_PSK_WITH_ARIA_128_GCM_SHA256
c06f TLS_RSA_PSK_WITH_ARIA_256_GCM_SHA384
c070 TLS_ECDHE_PSK_WITH_ARIA_128_CBC_SHA256
c071 TLS_ECDHE_PSK_WITH_ARIA_256_CBC_SHA384
c072 TLS_ECDHE_ECDSA_WITH_CAMELLIA_128_CBC_SHA256
c073 TLS_ECDHE_ECDSA_WITH_CAMELLIA_256_CBC_SHA384
c074 TLS_ECDH_ECDSA_WITH_CAMELLIA_128_CBC_SHA256
c075 TLS_ECDH_ECDSA_WITH_CAMELLIA_256_CBC_SHA384
c076 TLS_ECDHE_RSA_WITH_CAMELLIA_128_CBC_SHA256
c077 TLS_ECDHE_RSA_WITH_CAMELLIA_256_CBC_SHA384
c078 TLS_ECDH_RSA_WITH_CAMELLIA_128_CBC_SHA256
c079 TLS_ECDH_RSA_WITH_CAMELLIA_256_CBC_SHA384
c07a TLS_RSA_WITH_CAMELLIA_128_GCM_SHA256
c07b TLS_RSA_WITH_CAMELLIA_256_GCM_SHA384
c07c TLS_DHE_RSA_WITH_CAMELLIA_128_GCM_SHA256
c07d TLS_DHE_RSA_WITH_CAMELLIA_256_GCM_SHA384
c07e TLS_DH_RSA_WITH_CAMELLIA_128_GCM_SHA256
c07f TLS_DH_RSA_WITH_CAMELLIA_256_GCM_SHA384
c080 TLS_DHE_DSS_WITH_CAMELLIA_128_GCM_SHA256
c081 TLS_DHE_DSS_WITH_CAMELLIA_256_GCM_SHA384
c082 TLS_DH_DSS_WITH_CAMELLIA_128_GCM_SHA256
c083 TLS_DH_DSS_WITH_CAMELLIA_256_GCM_SHA384
c084 TLS_DH_ANON_WITH_CAMELLIA_128_GCM_SHA256
c085 TLS_DH_ANON_WITH_CAMELLIA_256_GCM_SHA384
c086 TLS_ECDHE_ECDSA_WITH_CAMELLIA_128_GCM_SHA256
c087 TLS_ECDHE_ECDSA_WITH_CAMELLIA_256_GCM_SHA384
c088 TLS_ECDH_ECDSA_WITH_CAMELLIA_128_GCM_SHA256
c089 TLS_ECDH_ECDSA_WITH_CAMELLIA_256_GCM_SHA384
c08a TLS_ECDHE_RSA_WITH_CAMELLIA_128_GCM_SHA256
c08b TLS_ECDHE_RSA_WITH_CAMELLIA_256_GCM_SHA384
c08c TLS_ECDH_RSA_WITH_CAMELLIA_128_GCM_SHA256
c08d TLS_ECDH_RSA_WITH_CAMELLIA_256_GCM_SHA384
c08e TLS_PSK_WITH_CAMELLIA_128_GCM_SHA256
c08f TLS_PSK_WITH_CAMELLIA_256_GCM_SHA384
c090 TLS_DHE_PSK_WITH_CAMELLIA_128_GCM_SHA256
c091 TLS_DHE_PSK_WITH_CAMELLIA_256_GCM_SHA384
c092 TLS_RSA_PSK_WITH_CAMELLIA_128_GCM_SHA256
c093 TLS_RSA_PSK_WITH_CAMELLIA_256_GCM_SHA384
c094 TLS_PSK_WITH_CAMELLIA_128_CBC_SHA256
c095 TLS_PSK_WITH_CAMELLIA_256_CBC_SHA384
c096 TLS_DHE_PSK_WITH_CAMELLIA_128_CBC_SHA256
c097 TLS_DHE_PSK_WITH_CAMELLIA_256_CBC_SHA384
c098 TLS_RSA_PSK_WITH_CAMELLIA_128_CBC_SHA256
c099 TLS_RSA_PSK_WITH_CAMELLIA_256_CBC_SHA384
c09a TLS_ECDHE_PSK_WITH_CAMELLIA_128_CBC_SHA256
c09b TLS_ECDHE_PSK_WITH_CAMELLIA_256_CBC_SHA384
c09c TLS_RSA_WITH_AES_128_CCM
c09d TLS_RSA_WITH_AES_256_CCM
c09e TLS_DHE_RSA_WITH_AES_128_CCM
c09f TLS_DHE_RSA_WITH_AES_256_CCM
c0a0 TLS_RSA_WITH_AES_128_CCM_8
c0a1 TLS_RSA_WITH_AES_256_CCM_8
c0a2 TLS_DHE_RSA_WITH_AES_128_CCM_8
c0a3 TLS_DHE_RSA_WITH_AES_256_CCM_8
c0a4 TLS_PSK_WITH_AES_128_CCM
c0a5 TLS_PSK_WITH_AES_256_CCM
c0a6 TLS_DHE_PSK_WITH_AES_128_CCM
c0a7 TLS_DHE_PSK_WITH_AES_256_CCM
c0a8 TLS_PSK_WITH_AES_128_CCM_8
c0a9 TLS_PSK_WITH_AES_256_CCM_8
c0aa TLS_PSK_DHE_WITH_AES_128_CCM_8
c0ab TLS_PSK_DHE_WITH_AES_256_CCM_8
c0ac TLS_ECDHE_ECDSA_WITH_AES_128_CCM
c0ad TLS_ECDHE_ECDSA_WITH_AES_256_CCM
c0ae TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8
c0af TLS_ECDHE_ECDSA_WITH_AES_256_CCM_8
cc13 TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256_OLD
cc14 TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256_OLD
cc15 TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256_OLD
cca8 TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256
cca9 TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256
ccaa TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256
ccab TLS_PSK_WITH_CHACHA20_POLY1305_SHA256
ccac TLS_ECDHE_PSK_WITH_CHACHA20_POLY1305_SHA256
ccad TLS_DHE_PSK_WITH_CHACHA20_POLY1305_SHA256
ccae TLS_RSA_PSK_WITH_CHACHA20_POLY1305_SHA256
d001 TLS_ECDHE_PSK_WITH_AES_128_GCM_SHA256
d002 TLS_ECDHE_PSK_WITH_AES_256_GCM_SHA384
d003 TLS_ECDHE_PSK_WITH_AES_128_CCM_8_SHA256
d004 TLS_ECDHE_PSK_WITH_AES_128_CCM_SHA256
fefe SSL_RSA_FIPS_WITH_DES_CBC_SHA
feff SSL_RSA_FIPS_WITH_3DES_EDE_CBC_SHA
ff80 SSL_RSA_WITH_RC2_CBC_MD5
ff81 SSL_RSA_WITH_IDEA_CBC_MD5
ff82 SSL_RSA_WITH_DES_CBC_MD5
ff83 SSL_RSA_WITH_3DES_EDE_CBC_MD5
ffe0 SSL_RSA_FIPS_WITH_3DES_EDE_CBC_SHA_2
ffe1 SSL_RSA_FIPS_WITH_DES_CBC_SHA_2
010080 SSLv20_CK_RC4_128_WITH_MD5
020080 SSLv20_CK_RC4_128_EXPORT40_WITH_MD5
030080 SSLv20_CK_RC2_128_CBC_WITH_MD5
040080 SSLv20_CK_RC2_128_CBC_EXPORT40_WITH_MD5
050080 SSLv20_CK_IDEA_128_CBC_WITH_MD5
060040 SSLv20_CK_DES_64_CBC_WITH_MD5
0700c0 SSLv20_CK_DES_192_EDE3_CBC_WITH_MD5
`;
/** Parsed once at load: ~350 entries, a few KiB. */
const CIPHER_NAMES = new Map(CIPHER_TABLE.trim()
    .split('\n')
    .map((line) => {
    const sp = line.indexOf(' ');
    return [Number.parseInt(line.slice(0, sp), 16), line.slice(sp + 1)];
}));
/** Zeek's cipher string (`cipher_desc`), `grease_0x…`, else `unknown-N`. */
export function tlsCipherName(c) {
    return CIPHER_NAMES.get(c) ?? greaseName(c) ?? `unknown-${c}`;
}
const CURVE_NAMES = [
    '',
    'sect163k1',
    'sect163r1',
    'sect163r2',
    'sect193r1',
    'sect193r2',
    'sect233k1',
    'sect233r1',
    'sect239k1',
    'sect283k1',
    'sect283r1',
    'sect409k1',
    'sect409r1',
    'sect571k1',
    'sect571r1',
    'secp160k1',
    'secp160r1',
    'secp160r2',
    'secp192k1',
    'secp192r1',
    'secp224k1',
    'secp224r1',
    'secp256k1',
    'secp256r1',
    'secp384r1',
    'secp521r1',
    'brainpoolP256r1',
    'brainpoolP384r1',
    'brainpoolP512r1',
    'x25519',
    'x448',
];
/**
 * Zeek's `ec_curves` name of a named group. Groups Zeek's table lacks (the post-quantum hybrids
 * such as 0x11EC X25519MLKEM768) print as `unknown-N`, as Zeek's table does.
 */
export function tlsGroupName(g) {
    if (g > 0 && g < CURVE_NAMES.length)
        return CURVE_NAMES[g];
    if (g >= 256 && g <= 260)
        return `ffdhe${[2048, 3072, 4096, 6144, 8192][g - 256]}`;
    if (g === 0xff01)
        return 'arbitrary_explicit_prime_curves';
    if (g === 0xff02)
        return 'arbitrary_explicit_char2_curves';
    return greaseName(g) ?? `unknown-${g}`;
}
const ALERT_NAMES = new Map([
    [0, 'close_notify'],
    [10, 'unexpected_message'],
    [20, 'bad_record_mac'],
    [21, 'decryption_failed'],
    [22, 'record_overflow'],
    [30, 'decompression_failure'],
    [40, 'handshake_failure'],
    [41, 'no_certificate'],
    [42, 'bad_certificate'],
    [43, 'unsupported_certificate'],
    [44, 'certificate_revoked'],
    [45, 'certificate_expired'],
    [46, 'certificate_unknown'],
    [47, 'illegal_parameter'],
    [48, 'unknown_ca'],
    [49, 'access_denied'],
    [50, 'decode_error'],
    [51, 'decrypt_error'],
    [60, 'export_restriction'],
    [70, 'protocol_version'],
    [71, 'insufficient_security'],
    [80, 'internal_error'],
    [86, 'inappropriate_fallback'],
    [90, 'user_canceled'],
    [100, 'no_renegotiation'],
    [110, 'unsupported_extension'],
    [111, 'certificate_unobtainable'],
    [112, 'unrecognized_name'],
    [113, 'bad_certificate_status_response'],
    [114, 'bad_certificate_hash_value'],
    [115, 'unknown_psk_identity'],
    [120, 'no_application_protocol'],
]);
/** Zeek's `alert_descriptions` name. */
export function tlsAlertName(d) {
    return ALERT_NAMES.get(d) ?? `unknown-${d}`;
}
/**
 * Suites whose ServerKeyExchange Zeek reads as ECDHE / ECDH-anon parameters (and so fills
 * `curve`). This is Zeek's explicit list, which is narrower than "every name with ECDHE": the
 * pre-RFC ChaCha code points and the newer ECDHE_PSK AEAD suites are not in it.
 */
const ECDH_SKE_SUITES = (() => {
    const s = new Set();
    const add = (...codes) => {
        for (const c of codes)
            s.add(c);
    };
    add(0xc006, 0xc007, 0xc008, 0xc009, 0xc00a, 0xc010, 0xc011, 0xc012, 0xc013, 0xc014);
    add(0xc015, 0xc016, 0xc017, 0xc018, 0xc019); // ECDH_anon
    add(0xc023, 0xc024, 0xc027, 0xc028, 0xc02b, 0xc02c, 0xc02f, 0xc030);
    for (let c = 0xc033; c <= 0xc03b; c++)
        s.add(c);
    add(0xc048, 0xc049, 0xc04c, 0xc04d, 0xc05c, 0xc05d, 0xc060, 0xc061, 0xc070, 0xc071);
    add(0xc072, 0xc073, 0xc076, 0xc077, 0xc086, 0xc087, 0xc08a, 0xc08b, 0xc09a, 0xc09b);
    add(0xc0ac, 0xc0ad, 0xc0ae, 0xc0af, 0xcca8, 0xcca9);
    return s;
})();
// ---------------------------------------------------------------------------------------------
// Byte reading. A cursor that never throws: reads past the end return 0 / empty and set `bad`,
// and parsers check `bad` where a fault must stop them.
class Cursor {
    b;
    off;
    end;
    bad = false;
    constructor(b, off, end) {
        this.b = b;
        this.off = off;
        this.end = end;
    }
    get left() {
        return this.end - this.off;
    }
    u8() {
        if (this.off + 1 > this.end)
            return this.fail();
        return this.b[this.off++];
    }
    u16() {
        if (this.off + 2 > this.end)
            return this.fail();
        const v = (this.b[this.off] << 8) | this.b[this.off + 1];
        this.off += 2;
        return v;
    }
    u24() {
        if (this.off + 3 > this.end)
            return this.fail();
        const v = (this.b[this.off] << 16) | (this.b[this.off + 1] << 8) | this.b[this.off + 2];
        this.off += 3;
        return v;
    }
    bytes(n) {
        if (n > this.end - this.off) {
            this.fail();
            return this.b.subarray(this.off, this.off);
        }
        const v = this.b.subarray(this.off, this.off + n);
        this.off += n;
        return v;
    }
    /** A sub-cursor over the next n bytes (consumed from this one). */
    sub(n) {
        if (n > this.end - this.off) {
            this.fail();
            return new Cursor(this.b, this.off, this.off);
        }
        const c = new Cursor(this.b, this.off, this.off + n);
        this.off += n;
        return c;
    }
    fail() {
        this.bad = true;
        this.off = this.end;
        return 0;
    }
}
/**
 * Bytes as a string, one character per byte (what Zeek's string holds). Escaping for output is
 * the log writer's job, as in Zeek; JA4 needs the bytes back, which this keeps exact.
 */
function latin1(b) {
    let s = '';
    for (const c of b)
        s += String.fromCharCode(c);
    return s;
}
function hex(b) {
    return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('hex');
}
function pushCapped(list, v) {
    if (list.length < MAX_LIST)
        list.push(v);
}
function u16List(c, out) {
    while (c.left >= 2)
        pushCapped(out, c.u16());
}
function alpnList(c, out) {
    const list = c.sub(c.u16());
    while (list.left > 0 && !list.bad && out.length < MAX_LIST) {
        const n = list.u8();
        const name = list.bytes(n);
        if (!list.bad)
            out.push(latin1(name));
    }
}
const HRR_RANDOM = 'cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c';
/** ClientHello body (after the 4-byte handshake header); `dtls`: a DTLS hello (with a cookie). */
export function parseClientHello(body, dtls = false) {
    const c = new Cursor(body, 0, body.length);
    const version = c.u16();
    const random = c.bytes(32).slice();
    const sessionId = c.bytes(c.u8()).slice();
    if (dtls)
        c.bytes(c.u8()); // cookie (RFC 6347 4.2.1)
    const cipherSuites = [];
    u16List(c.sub(c.u16()), cipherSuites);
    const compressionMethods = [];
    const comp = c.sub(c.u8());
    while (comp.left > 0)
        pushCapped(compressionMethods, comp.u8());
    const hello = {
        sslv2: false,
        version,
        random,
        sessionId,
        cipherSuites,
        compressionMethods,
        extensions: [],
        serverNames: [],
        alpn: [],
        supportedVersions: [],
        supportedGroups: [],
        ecPointFormats: [],
        signatureAlgorithms: [],
        keyShareGroups: [],
        sessionTicketLength: 0,
        malformed: c.bad,
    };
    if (c.bad || c.left === 0)
        return hello;
    const exts = c.sub(c.u16());
    while (exts.left >= 4) {
        const type = exts.u16();
        const data = exts.sub(exts.u16());
        if (exts.bad)
            break;
        pushCapped(hello.extensions, type);
        switch (type) {
            case 0: {
                const list = data.sub(data.u16());
                while (list.left >= 3 && hello.serverNames.length < MAX_LIST) {
                    const kind = list.u8();
                    const name = list.bytes(list.u16());
                    if (kind === 0 && !list.bad)
                        hello.serverNames.push(latin1(name));
                }
                break;
            }
            case 10:
                u16List(data.sub(data.u16()), hello.supportedGroups);
                break;
            case 11: {
                const list = data.sub(data.u8());
                while (list.left > 0)
                    pushCapped(hello.ecPointFormats, list.u8());
                break;
            }
            case 13:
                u16List(data.sub(data.u16()), hello.signatureAlgorithms);
                break;
            case 16:
                alpnList(data, hello.alpn);
                break;
            case 35:
                hello.sessionTicketLength = data.left;
                break;
            case 40:
            case 51: {
                const list = data.sub(data.u16());
                while (list.left >= 4) {
                    pushCapped(hello.keyShareGroups, list.u16());
                    list.bytes(list.u16());
                }
                break;
            }
            case 43:
                u16List(data.sub(data.u8()), hello.supportedVersions);
                break;
        }
    }
    hello.malformed = exts.bad || c.bad;
    return hello;
}
/** ServerHello body. The 0x7fXX drafts (and 0x0304 in the version field) have no session id. */
export function parseServerHello(body) {
    const c = new Cursor(body, 0, body.length);
    const version = c.u16();
    const random = c.bytes(32).slice();
    const draft = version >> 8 === 0x7f || version === V_TLS13;
    const sessionId = draft ? new Uint8Array(0) : c.bytes(c.u8()).slice();
    const cipherSuite = c.u16();
    const compressionMethod = draft ? 0 : c.u8();
    const hello = {
        sslv2: false,
        version,
        selectedVersion: undefined,
        random,
        sessionId,
        cipherSuite,
        compressionMethod,
        extensions: [],
        alpn: [],
        keyShareGroup: undefined,
        pskSelected: false,
        helloRetryRequest: hex(random) === HRR_RANDOM,
        malformed: c.bad,
    };
    if (c.bad || c.left === 0)
        return hello;
    const exts = c.sub(c.u16());
    while (exts.left >= 4) {
        const type = exts.u16();
        const data = exts.sub(exts.u16());
        if (exts.bad)
            break;
        pushCapped(hello.extensions, type);
        switch (type) {
            case 16:
                alpnList(data, hello.alpn);
                break;
            case 40:
            case 51:
                // An HRR carries only the selected group; a ServerHello carries a KeyShareEntry.
                if (data.left >= 2)
                    hello.keyShareGroup = data.u16();
                break;
            case 41:
                hello.pskSelected = true;
                break;
            case 43:
                if (data.left >= 2)
                    hello.selectedVersion = data.u16();
                break;
        }
    }
    hello.malformed = exts.bad || c.bad;
    return hello;
}
/** SSLv2 CLIENT-HELLO message (from its message type byte on). */
function parseV2ClientHello(msg) {
    const c = new Cursor(msg, 1, msg.length);
    const version = c.u16();
    const cipherLen = c.u16();
    const sidLen = c.u16();
    const challengeLen = c.u16();
    const ciphers = c.sub(cipherLen);
    const cipherSuites = [];
    while (ciphers.left >= 3)
        pushCapped(cipherSuites, (ciphers.u8() << 16) | ciphers.u16());
    const sessionId = c.bytes(sidLen).slice();
    const random = c.bytes(challengeLen).slice();
    return {
        sslv2: true,
        version,
        random,
        sessionId,
        cipherSuites,
        compressionMethods: [],
        extensions: [],
        serverNames: [],
        alpn: [],
        supportedVersions: [],
        supportedGroups: [],
        ecPointFormats: [],
        signatureAlgorithms: [],
        keyShareGroups: [],
        sessionTicketLength: 0,
        malformed: c.bad,
    };
}
// ---------------------------------------------------------------------------------------------
// Fingerprints. JA3/JA3S (Salesforce): decimal values, '-' within a field, ',' between fields,
// GREASE left out, MD5. JA4 (FoxIO, technical_details/JA4.md).
const md5 = (s) => createHash('md5').update(s).digest('hex');
const sha12 = (s) => createHash('sha256').update(s).digest('hex').slice(0, 12);
const noGrease = (l) => l.filter((v) => !isGrease(v));
/** The JA3 string (`771,4865-4866,0-23-65281,29-23,0`); undefined for an SSLv2 hello. */
export function ja3String(h) {
    if (h.sslv2)
        return undefined;
    return [
        String(h.version),
        noGrease(h.cipherSuites).join('-'),
        noGrease(h.extensions).join('-'),
        noGrease(h.supportedGroups).join('-'),
        h.ecPointFormats.join('-'),
    ].join(',');
}
export function ja3(h) {
    const s = ja3String(h);
    return s === undefined ? undefined : md5(s);
}
export function ja3sString(h) {
    if (h.sslv2)
        return undefined;
    return `${h.version},${h.cipherSuite},${noGrease(h.extensions).join('-')}`;
}
export function ja3s(h) {
    const s = ja3sString(h);
    return s === undefined ? undefined : md5(s);
}
const JA4_VERSIONS = new Map([
    [0x0304, '13'],
    [0x0303, '12'],
    [0x0302, '11'],
    [0x0301, '10'],
    [0x0300, 's3'],
    [0x0002, 's2'],
    [0xfeff, 'd1'],
    [0xfefd, 'd2'],
    [0xfefc, 'd3'],
]);
const isAlnum = (c) => (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
/** The first/last-character ALPN code of JA4_a (the value holds one character per byte). */
function ja4Alpn(first) {
    if (first === undefined || first.length === 0)
        return '00';
    const a = first.charCodeAt(0);
    const z = first.charCodeAt(first.length - 1);
    if (isAlnum(a) && isAlnum(z))
        return first[0] + first[first.length - 1];
    // Non-alphanumeric ends: first and last characters of the value's hex form instead.
    const h = (c) => c.toString(16).padStart(2, '0');
    return h(a)[0] + h(z)[1];
}
const hex4 = (v) => v.toString(16).padStart(4, '0');
/**
 * JA4 of a ClientHello. `protocol` is 't' (TLS over TCP), 'q' (QUIC) or 'd' (DTLS). Version:
 * the highest non-GREASE supported_versions value, else legacy_version; unknown values give
 * "00". Counts include SNI and ALPN and cap at 99; the extension hash leaves SNI (0000) and ALPN
 * (0010) out, sorts, and appends the signature algorithms in their order after '_'.
 */
export function ja4(h, protocol = 't') {
    const versions = noGrease(h.supportedVersions);
    const version = versions.length > 0 ? Math.max(...versions) : h.version;
    const ciphers = noGrease(h.cipherSuites);
    const exts = noGrease(h.extensions);
    const count = (n) => String(Math.min(n, 99)).padStart(2, '0');
    const a = `${protocol}${JA4_VERSIONS.get(version) ?? '00'}${exts.includes(0) ? 'd' : 'i'}${count(ciphers.length)}${count(exts.length)}${ja4Alpn(h.alpn[0])}`;
    const sigs = noGrease(h.signatureAlgorithms).map(hex4).join(',');
    const withSigs = (list) => (sigs.length > 0 ? `${list}_${sigs}` : list);
    const cSorted = ciphers.map(hex4).sort().join(',');
    const eSorted = exts
        .filter((e) => e !== 0 && e !== 0x10)
        .map(hex4)
        .sort()
        .join(',');
    const cOrig = ciphers.map(hex4).join(',');
    const eOrig = exts.map(hex4).join(',');
    const hb = (list) => (list.length > 0 ? sha12(list) : '000000000000');
    const hc = (list) => (list.length > 0 ? sha12(withSigs(list)) : '000000000000');
    return {
        ja4: `${a}_${hb(cSorted)}_${hc(eSorted)}`,
        ja4_r: `${a}_${cSorted}_${withSigs(eSorted)}`,
        ja4_o: `${a}_${hb(cOrig)}_${hc(eOrig)}`,
        ja4_ro: `${a}_${cOrig}_${withSigs(eOrig)}`,
    };
}
/** One TLV; with `clamp`, a value running past `limit` (a truncated prefix) ends at `limit`. */
function tlv(b, off, limit, clamp = false) {
    if (off + 2 > limit)
        return undefined;
    const tag = b[off];
    if ((tag & 0x1f) === 0x1f)
        return undefined;
    let len = b[off + 1];
    let p = off + 2;
    if (len & 0x80) {
        const n = len & 0x7f;
        if (n === 0 || n > 3 || p + n > limit)
            return undefined;
        len = 0;
        for (let i = 0; i < n; i++)
            len = len * 256 + b[p++];
    }
    if (p + len > limit) {
        if (!clamp || p > limit)
            return undefined;
        return { tag, hdr: off, start: p, end: limit };
    }
    return { tag, hdr: off, start: p, end: p + len };
}
/** Dotted OID text; arcs are bounded by the encoding length (≤ 64 bytes read). */
function oidText(b, t) {
    const parts = [];
    let v = 0;
    const end = Math.min(t.end, t.start + 64);
    for (let i = t.start; i < end; i++) {
        const x = b[i];
        v = v * 128 + (x & 0x7f);
        if (!(x & 0x80)) {
            if (parts.length === 0) {
                const first = v < 40 ? 0 : v < 80 ? 1 : 2;
                parts.push(first, v - first * 40);
            }
            else
                parts.push(v);
            v = 0;
        }
    }
    return parts.join('.');
}
/** OpenSSL short names of the attributes X509_NAME_print_ex prints with XN_FLAG_FN_SN. */
const DN_NAMES = new Map([
    ['2.5.4.3', 'CN'],
    ['2.5.4.4', 'SN'],
    ['2.5.4.5', 'serialNumber'],
    ['2.5.4.6', 'C'],
    ['2.5.4.7', 'L'],
    ['2.5.4.8', 'ST'],
    ['2.5.4.9', 'street'],
    ['2.5.4.10', 'O'],
    ['2.5.4.11', 'OU'],
    ['2.5.4.12', 'title'],
    ['2.5.4.13', 'description'],
    ['2.5.4.15', 'businessCategory'],
    ['2.5.4.16', 'postalAddress'],
    ['2.5.4.17', 'postalCode'],
    ['2.5.4.18', 'postOfficeBox'],
    ['2.5.4.41', 'name'],
    ['2.5.4.42', 'GN'],
    ['2.5.4.43', 'initials'],
    ['2.5.4.44', 'generationQualifier'],
    ['2.5.4.45', 'x500UniqueIdentifier'],
    ['2.5.4.46', 'dnQualifier'],
    ['2.5.4.65', 'pseudonym'],
    ['2.5.4.97', 'organizationIdentifier'],
    ['1.2.840.113549.1.9.1', 'emailAddress'],
    ['1.2.840.113549.1.9.2', 'unstructuredName'],
    ['0.9.2342.19200300.100.1.1', 'UID'],
    ['0.9.2342.19200300.100.1.25', 'DC'],
    ['1.3.6.1.4.1.311.60.2.1.1', 'jurisdictionL'],
    ['1.3.6.1.4.1.311.60.2.1.2', 'jurisdictionST'],
    ['1.3.6.1.4.1.311.60.2.1.3', 'jurisdictionC'],
]);
const HEX_UP = (v) => v.toString(16).toUpperCase().padStart(2, '0');
/**
 * One attribute value as OpenSSL's ASN1_STRFLGS_RFC2253 prints it: the string converted to
 * UTF-8, then bytes ≥ 0x80 and control characters as \XX, the RFC 2253 specials escaped with a
 * backslash, a leading '#' or space and a trailing space escaped; a non-string type is dumped as
 * '#' and the hex of its DER.
 */
function dnValue(b, v) {
    const codes = [];
    switch (v.tag) {
        case 0x0c: // UTF8String: bytes as they are
            for (let i = v.start; i < v.end; i++)
                codes.push(b[i]);
            break;
        case 0x12:
        case 0x13:
        case 0x14:
        case 0x16:
        case 0x1a:
            // One byte per character; OpenSSL widens each to UTF-8.
            for (let i = v.start; i < v.end; i++)
                utf8Into(codes, b[i]);
            break;
        case 0x1e:
            for (let i = v.start; i + 1 < v.end; i += 2)
                utf8Into(codes, (b[i] << 8) | b[i + 1]);
            break;
        case 0x1c:
            for (let i = v.start; i + 3 < v.end; i += 4)
                utf8Into(codes, ((b[i] << 24) | (b[i + 1] << 16) | (b[i + 2] << 8) | b[i + 3]) >>> 0);
            break;
        default: {
            let s = '#';
            for (let i = v.hdr; i < v.end; i++)
                s += b[i].toString(16).padStart(2, '0').toUpperCase();
            return s;
        }
    }
    let s = '';
    for (let i = 0; i < codes.length; i++) {
        const c = codes[i];
        if (c >= 0x80 || c < 0x20 || c === 0x7f)
            s += `\\${HEX_UP(c)}`;
        else if (',+"\\<>;'.includes(String.fromCharCode(c)))
            s += `\\${String.fromCharCode(c)}`;
        else if (i === 0 && (c === 0x23 || c === 0x20))
            s += `\\${String.fromCharCode(c)}`;
        else if (i === codes.length - 1 && c === 0x20)
            s += '\\ ';
        else
            s += String.fromCharCode(c);
    }
    return s;
}
function utf8Into(out, cp) {
    if (cp < 0x80)
        out.push(cp);
    else if (cp < 0x800)
        out.push(0xc0 | (cp >> 6), 0x80 | (cp & 0x3f));
    else if (cp < 0x10000)
        out.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
    else
        out.push(0xf0 | ((cp >> 18) & 0x07), 0x80 | ((cp >> 12) & 0x3f), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
}
/** A Name as XN_FLAG_RFC2253: last RDN first, ',' between RDNs, '+' inside a multi-valued one. */
function dnString(b, name) {
    const items = [];
    let p = name.start;
    let set = 0;
    while (p < name.end && items.length < 64) {
        const rdn = tlv(b, p, name.end);
        if (rdn?.tag !== 0x31)
            return undefined;
        let q = rdn.start;
        while (q < rdn.end && items.length < 64) {
            const atv = tlv(b, q, rdn.end);
            if (atv?.tag !== 0x30)
                return undefined;
            const oid = tlv(b, atv.start, atv.end);
            if (oid?.tag !== 0x06)
                return undefined;
            const val = tlv(b, oid.end, atv.end);
            if (!val)
                return undefined;
            const dotted = oidText(b, oid);
            const short = DN_NAMES.get(dotted);
            // Unknown attribute types: dotted OID, value dumped as DER hex (XN_FLAG_DUMP_UNKNOWN_FIELDS).
            let text;
            if (short)
                text = `${short}=${dnValue(b, val)}`;
            else {
                let h = '#';
                for (let i = val.hdr; i < val.end; i++)
                    h += HEX_UP(b[i]);
                text = `${dotted}=${h}`;
            }
            items.push({ set, text });
            q = atv.end;
        }
        set++;
        p = rdn.end;
    }
    let s = '';
    for (let i = items.length - 1; i >= 0; i--) {
        const it = items[i];
        if (i < items.length - 1)
            s += items[i + 1].set === it.set ? '+' : ',';
        s += it.text;
    }
    return s;
}
/** UTCTime (YY < 50 → 20YY, RFC 5280) or GeneralizedTime, to epoch seconds. */
function derTime(b, t) {
    const s = String.fromCharCode(...b.subarray(t.start, Math.min(t.end, t.start + 32)));
    const m = t.tag === 0x17
        ? /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?(Z|[+-]\d{4})?$/.exec(s)
        : t.tag === 0x18
            ? /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})?(\d{2})?(?:\.\d+)?(Z|[+-]\d{4})?$/.exec(s)
            : null;
    if (!m)
        return undefined;
    let year = Number(m[1]);
    if (t.tag === 0x17)
        year += year < 50 ? 2000 : 1900;
    let secs = Date.UTC(year, Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5] ?? 0), Number(m[6] ?? 0)) / 1000;
    const zone = m[7];
    if (zone && zone !== 'Z') {
        const off = Number(zone.slice(1, 3)) * 3600 + Number(zone.slice(3, 5)) * 60;
        secs -= zone[0] === '+' ? off : -off;
    }
    return Number.isFinite(secs) ? secs : undefined;
}
/**
 * Summary of one DER certificate, or undefined when its structure is not readable. A certificate
 * too large to keep is read from a prefix (`truncated`, with the fingerprint of the whole DER
 * computed as it streamed by): the fields needed come before the extensions.
 */
export function parseX509(der, fingerprint, truncated = false) {
    fingerprint ??= createHash('sha256').update(der).digest('hex');
    const cert = tlv(der, 0, der.length, truncated);
    if (cert?.tag !== 0x30)
        return undefined;
    const tbs = tlv(der, cert.start, cert.end, truncated);
    if (tbs?.tag !== 0x30)
        return undefined;
    let t = tlv(der, tbs.start, tbs.end);
    let version = 1;
    if (t && t.tag === 0xa0) {
        const v = tlv(der, t.start, t.end);
        if (v && v.tag === 0x02 && v.end - v.start === 1)
            version = der[v.start] + 1;
        t = tlv(der, t.end, tbs.end);
    }
    if (t?.tag !== 0x02)
        return undefined;
    let s = t.start;
    // ASN1_INTEGER holds the magnitude: the DER sign-padding 00 is not printed.
    if (t.end - s > 1 && der[s] === 0 && der[s + 1] & 0x80)
        s++;
    let serial = '';
    for (let i = s; i < t.end; i++)
        serial += HEX_UP(der[i]);
    const sigAlg = tlv(der, t.end, tbs.end);
    if (!sigAlg)
        return undefined;
    const issuerT = tlv(der, sigAlg.end, tbs.end);
    if (issuerT?.tag !== 0x30)
        return undefined;
    const validity = tlv(der, issuerT.end, tbs.end);
    if (validity?.tag !== 0x30)
        return undefined;
    const nb = tlv(der, validity.start, validity.end);
    const na = nb && tlv(der, nb.end, validity.end);
    const subjectT = tlv(der, validity.end, tbs.end);
    if (!nb || !na || !subjectT || subjectT.tag !== 0x30)
        return undefined;
    const notValidBefore = derTime(der, nb);
    const notValidAfter = derTime(der, na);
    const subject = dnString(der, subjectT);
    const issuer = dnString(der, issuerT);
    if (notValidBefore === undefined || notValidAfter === undefined || subject === undefined)
        return undefined;
    if (issuer === undefined)
        return undefined;
    return { fingerprint, version, serial, subject, issuer, notValidBefore, notValidAfter };
}
// ---------------------------------------------------------------------------------------------
// Detection by content.
/**
 * True when the first bytes of a stream look like the start of a TLS/SSL handshake in either
 * direction: a handshake record (type 22, record version 3.0–3.3, length within bounds) whose
 * message is a ClientHello or ServerHello with a 3.x or 0x7f draft hello version, or an
 * SSLv2-format CLIENT-HELLO advertising SSL 2.0–TLS 1.2. Needs 11 bytes for the TLS form and 5
 * for SSLv2; fewer bytes give false (ask again with more).
 */
export function looksLikeTls(firstBytes) {
    const b = firstBytes;
    if (b.length >= 5 && b[0] & 0x80 && b[2] === 1) {
        const len = ((b[0] & 0x7f) << 8) | b[1];
        const v = (b[3] << 8) | b[4];
        return len >= 9 && (v === V_SSL2 || (v >= V_SSL3 && v <= V_TLS12));
    }
    if (b.length < 11)
        return false;
    if (b[0] !== 22 || b[1] !== 3 || b[2] > 3)
        return false;
    const len = (b[3] << 8) | b[4];
    if (len < 4 || len > TLS_MAX_RECORD)
        return false;
    if (b[5] !== 1 && b[5] !== 2)
        return false;
    // Handshake length must fit what a hello can be; hello version 3.x or a 1.3 draft.
    const hsLen = (b[6] << 16) | (b[7] << 8) | b[8];
    if (hsLen < 34 || hsLen > TLS_MAX_HANDSHAKE)
        return false;
    return (b[9] === 3 && b[10] <= 4) || b[9] === 0x7f;
}
// ---------------------------------------------------------------------------------------------
// Connection state shared by the two directions: Zeek's analyzer state and its script state.
/** The shared state of one TLS connection; make it with `createTlsPair` (or pass your own). */
export class TlsConnState {
    // Analyzer (binpac) state.
    /** chosen_version_: first value set wins (supported_versions before legacy_version). */
    negotiatedVersion = -1;
    chosenCipher = -1;
    /** Record layer version once the first valid record was seen; SSLv2 after a v2 ServerHello. */
    recordLayer = -1;
    encrypted = [false, false];
    flipped = false;
    unclearReported = false;
    /** Stopped after an analyzer violation. */
    violated = false;
    /** Established: Zeek logs and detaches the analyzer here, so nothing after it counts. */
    established = false;
    /** Timestamp of the record that established the session. */
    establishedTs;
    // Script (main.zeek) state.
    history = '';
    versionNum;
    cipher;
    curve;
    serverName;
    sessionId;
    clientTicketEmptySessionSeen = false;
    clientKeyExchangeSeen = false;
    clientPskSeen = false;
    resumed = false;
    hrrSeen = false;
    /** Hellos are DTLS (ClientHello carries a cookie); set by the DTLS reader. */
    dtls = false;
    lastAlert;
    nextProtocol;
    /** Certificates by role (client-sent / server-sent), undefined until a Certificate message. */
    serverCerts;
    clientCerts;
    clientHello;
    serverHello;
    get stopped() {
        return this.violated || this.established;
    }
    /** True when a record of this direction and content type is read as ciphertext. */
    determineState(isOrig, contentType) {
        const i = isOrig ? 0 : 1;
        if (this.encrypted[i] || contentType !== 23)
            return this.encrypted[i];
        // Application data before encryption: TLS 1.3 (or anything not ≤ 1.2, even "not yet
        // known") sends its whole second flight as application data, so it starts encryption.
        const v = this.negotiatedVersion;
        if (v !== V_SSL2 && v !== V_SSL3 && !(v >= V_TLS10 && v <= V_TLS12)) {
            this.encrypted[i] = true;
            return true;
        }
        return false;
    }
    setVersion(v) {
        if (this.negotiatedVersion === -1)
            this.negotiatedVersion = v;
    }
    get tls13() {
        return isTls13(this.negotiatedVersion);
    }
    checkFlipped(desiredOrig, isOrig, p) {
        if (this.flipped) {
            if (desiredOrig === isOrig) {
                this.flipped = false;
                if (this.history.length < MAX_HISTORY)
                    this.history += '^';
                if (!this.unclearReported) {
                    this.unclearReported = true;
                    p.event('SSL_unclear_connection_direction', 'hello direction changed twice');
                }
            }
        }
        else if (desiredOrig !== isOrig) {
            this.flipped = true;
            if (this.history.length < MAX_HISTORY)
                this.history += '^';
        }
    }
    addHistory(isClient, letter, p) {
        if (this.history.length >= MAX_HISTORY)
            return;
        this.history += isClient ? letter.toUpperCase() : letter;
        if (this.history.length === MAX_HISTORY)
            p.event('SSL_max_ssl_history_length_reached', '');
    }
    /** A ciphertext record: with both directions encrypted, the session is established. */
    ciphertext(ts) {
        if (this.encrypted[0] && this.encrypted[1] && !this.established) {
            this.established = true;
            this.establishedTs = ts;
        }
    }
}
/** What is known of a certificate whose DER did not read: its fingerprint. */
function unreadableCert(fingerprint) {
    return {
        fingerprint,
        version: 0,
        serial: '',
        subject: '',
        issuer: '',
        notValidBefore: 0,
        notValidAfter: 0,
    };
}
/**
 * A Certificate message too large to reassemble (> TLS_MAX_HANDSHAKE) read as it streams by:
 * each certificate is hashed incrementally and only its first 64 KiB are kept, until its X.509
 * fields are read (they precede the extensions), so one such message costs at most 64 KiB
 * whatever its size (u24, < 16 MiB).
 */
class CertStream {
    tls13;
    /** Message bytes still to come. */
    left;
    /** Summaries (fingerprint only when a certificate's prefix did not read as X.509). */
    certs = [];
    unreadable = 0;
    /** 0 ctx length, 1 ctx, 2 list length, 3 entry length, 4 DER, 5 ext length, 6 ext, 7 rest. */
    stage;
    field = 0;
    fieldLeft;
    blobLeft = 0;
    listLeft = 0;
    hash;
    prefix = new Uint8Array(0);
    prefixFill = 0;
    derLength = 0;
    constructor(length, tls13) {
        this.tls13 = tls13;
        this.left = length;
        this.stage = tls13 ? 0 : 2;
        this.fieldLeft = tls13 ? 1 : 3;
    }
    /** Consumes from data[p, end); returns the new p. */
    feed(data, p, end) {
        while (p < end && this.left > 0) {
            if (this.stage === 1 || this.stage === 4 || this.stage === 6 || this.stage === 7) {
                const k = Math.min(this.stage === 7 ? this.left : this.blobLeft, end - p, this.left);
                if (this.stage === 4) {
                    const chunk = data.subarray(p, p + k);
                    this.hash?.update(chunk);
                    const room = Math.min(k, this.prefix.length - this.prefixFill);
                    if (room > 0)
                        this.prefix.set(chunk.subarray(0, room), this.prefixFill);
                    this.prefixFill += room;
                }
                this.blobLeft -= k;
                this.left -= k;
                p += k;
                if (this.blobLeft === 0 && this.stage !== 7)
                    this.blobDone();
                continue;
            }
            this.field = this.field * 256 + data[p++];
            this.left--;
            if (--this.fieldLeft === 0)
                this.fieldDone();
        }
        return p;
    }
    startField(stage, bytes) {
        this.stage = stage;
        this.field = 0;
        this.fieldLeft = bytes;
    }
    startBlob(stage, bytes) {
        this.stage = stage;
        this.blobLeft = bytes;
        if (bytes === 0)
            this.blobDone();
    }
    fieldDone() {
        const v = this.field;
        switch (this.stage) {
            case 0:
                this.startBlob(1, v);
                return;
            case 2:
                this.listLeft = v;
                this.nextEntry();
                return;
            case 3:
                this.listLeft -= 3 + v;
                this.derLength = v;
                if (this.certs.length < MAX_CERTS) {
                    this.hash = createHash('sha256');
                    this.prefix = new Uint8Array(Math.min(v, TLS_MAX_HANDSHAKE));
                }
                else {
                    this.hash = undefined;
                    this.prefix = new Uint8Array(0);
                }
                this.prefixFill = 0;
                this.startBlob(4, v);
                return;
            case 5:
                this.listLeft -= 2 + v;
                this.startBlob(6, v);
                return;
        }
    }
    blobDone() {
        switch (this.stage) {
            case 1:
                this.startField(2, 3);
                return;
            case 4:
                if (this.hash) {
                    const fingerprint = this.hash.digest('hex');
                    const prefix = this.prefix.subarray(0, this.prefixFill);
                    const x = parseX509(prefix, fingerprint, prefix.length < this.derLength);
                    if (!x)
                        this.unreadable++;
                    this.certs.push(x ?? unreadableCert(fingerprint));
                }
                this.hash = undefined;
                this.prefix = new Uint8Array(0);
                if (this.tls13)
                    this.startField(5, 2);
                else
                    this.nextEntry();
                return;
            case 6:
                this.nextEntry();
                return;
        }
    }
    nextEntry() {
        if (this.listLeft >= 3)
            this.startField(3, 3);
        else
            this.stage = 7;
    }
}
var Phase;
(function (Phase) {
    Phase[Phase["Header"] = 0] = "Header";
    Phase[Phase["Body"] = 1] = "Body";
})(Phase || (Phase = {}));
const HS_LETTERS = {
    0: 'h',
    1: 'c',
    2: 's',
    3: 'v',
    4: 't',
    5: 'e',
    6: 'j',
    8: 'o',
    11: 'x',
    12: 'k',
    13: 'r',
    14: 'n',
    15: 'y',
    16: 'g',
    20: 'f',
    21: 'w',
    22: 'u',
    23: 'a',
    24: 'p',
    254: 'm',
};
/** One direction of a TLS stream. */
export class TlsStreamParser {
    isOrig;
    conn;
    sink;
    events = 0;
    ts = 0;
    fileOffset = -1;
    /** Bytes consumed from this direction so far. */
    streamOffset = 0;
    /** Records seen (complete), and of those read as ciphertext. */
    records = 0;
    encryptedRecords = 0;
    /** A gap or a violation: this direction reads nothing more. */
    lost = false;
    phase = Phase.Header;
    hdr = new Uint8Array(5);
    hdrLen = 0;
    hdrNeed = 5;
    contentType = 0;
    /** SSLv2 record: its message is in `body` from the message-type byte on. */
    v2 = false;
    cipherBody = false;
    /** Plaintext body being collected across chunks (allocated only when a record is split). */
    body;
    bodySize = 0;
    bodyFill = 0;
    bodyLeft = 0;
    /** Handshake reassembly (plaintext handshake records only). */
    hs = new Uint8Array(0);
    hsLen = 0;
    hsSkip = 0;
    certStream;
    certStreamClient = false;
    constructor(options = {}) {
        this.isOrig = options.isOrig ?? true;
        this.sink = options.sink;
        this.conn = options.conn ?? new TlsConnState();
    }
    /** True once this direction reads nothing more (gap, violation, or session established). */
    get done() {
        return this.lost || this.conn.stopped;
    }
    /** Report a problem (bounded per parser). Public for the shared state; not for callers. */
    event(name, detail) {
        if (!this.sink || this.events >= MAX_EVENTS)
            return;
        this.events++;
        this.sink({
            name,
            ts: this.ts,
            fileOffset: this.fileOffset,
            detail: `${this.isOrig ? 'orig' : 'resp'}@${this.streamOffset}: ${detail}`,
        });
    }
    /** A hole in the stream: like Zeek (had_gap), stop reading this direction. */
    gap() {
        this.lost = true;
    }
    /** Feed the next bytes of this direction, in order. `fileOffset` goes into events. */
    push(bytes, ts, fileOffset = -1) {
        this.ts = ts;
        this.fileOffset = fileOffset;
        const n = bytes.length;
        let i = 0;
        while (i < n) {
            if (this.done) {
                this.streamOffset += n - i;
                return;
            }
            if (this.phase === Phase.Header) {
                // SSLv2 framing (after an SSLv2 ServerHello) has 2-byte headers; TLS has 5.
                if (this.hdrLen === 0)
                    this.hdrNeed = this.conn.recordLayer === V_SSL2 ? 2 : 5;
                const take = Math.min(this.hdrNeed - this.hdrLen, n - i);
                this.hdr.set(bytes.subarray(i, i + take), this.hdrLen);
                this.hdrLen += take;
                i += take;
                this.streamOffset += take;
                if (this.hdrLen === this.hdrNeed)
                    this.onHeader();
                continue;
            }
            const take = Math.min(this.bodyLeft, n - i);
            if (this.cipherBody) {
                this.bodyLeft -= take;
            }
            else if (this.bodyFill === 0 && take === this.bodyLeft) {
                // Whole body in this chunk: read it in place, no copy.
                this.bodyLeft = 0;
                this.streamOffset += take;
                i += take;
                this.onRecord(bytes.subarray(i - take, i));
                continue;
            }
            else {
                this.body ??= new Uint8Array(this.bodySize);
                this.body.set(bytes.subarray(i, i + take), this.bodyFill);
                this.bodyFill += take;
                this.bodyLeft -= take;
            }
            i += take;
            this.streamOffset += take;
            if (this.bodyLeft === 0) {
                if (this.cipherBody)
                    this.onCiphertext();
                else
                    this.onRecord(this.body.subarray(0, this.bodyFill));
            }
        }
    }
    /**
     * One record already framed by another layer (DTLS records; QUIC CRYPTO data as handshake
     * records, type 22): read as `push` reads a TLS record's body. Handshake bytes may span calls.
     */
    record(contentType, body, ts) {
        this.ts = ts;
        this.fileOffset = -1;
        this.streamOffset += body.length;
        if (this.done)
            return;
        this.contentType = contentType;
        this.v2 = false;
        if (this.conn.determineState(this.isOrig, contentType))
            this.onCiphertext();
        else
            this.onRecord(body);
    }
    violation(name, detail) {
        this.event(name, detail);
        this.conn.violated = true;
    }
    resetRecord() {
        this.phase = Phase.Header;
        this.hdrLen = 0;
        this.hdrNeed = this.conn.recordLayer === V_SSL2 ? 2 : 5;
        this.body = undefined;
        this.bodyFill = 0;
        this.v2 = false;
    }
    startBody(length, cipher, prefix) {
        this.cipherBody = cipher;
        this.bodyLeft = length;
        this.bodyFill = 0;
        this.bodySize = (prefix?.length ?? 0) + length;
        if (prefix) {
            this.body = new Uint8Array(this.bodySize);
            this.body.set(prefix);
            this.bodyFill = prefix.length;
        }
        if (length === 0) {
            if (cipher)
                this.onCiphertext();
            else
                this.onRecord(this.body ? this.body.subarray(0, this.bodyFill) : new Uint8Array(0));
            return;
        }
        this.phase = Phase.Body;
    }
    onHeader() {
        const h = this.hdr;
        const conn = this.conn;
        if (conn.recordLayer === V_SSL2) {
            // SSLv2 framing for the rest of the connection: 2-byte header, or 3 with padding.
            let len;
            if (h[0] & 0x80)
                len = ((h[0] & 0x7f) << 8) | h[1];
            else if (this.hdrNeed === 2) {
                this.hdrNeed = 3;
                return;
            }
            else
                len = ((h[0] & 0x3f) << 8) | h[1];
            this.v2 = true;
            this.contentType = -1;
            this.startBody(len, conn.encrypted[this.isOrig ? 0 : 1]);
            return;
        }
        if (conn.recordLayer === -1 && h[0] & 0x80) {
            // SSLv2-format hello: a 2-byte header, then the message type and the first bytes.
            const len = ((h[0] & 0x7f) << 8) | h[1];
            const v = (h[3] << 8) | h[4];
            if (h[2] === 1 && this.isOrig) {
                if (v !== V_SSL2 && !(v >= V_SSL3 && v <= V_TLS12)) {
                    this.violation('tls_invalid_record', `SSLv2 client hello with version 0x${v.toString(16)}`);
                    return;
                }
            }
            else if (h[2] === 4 && h[4] < 2 && !this.isOrig) {
                conn.recordLayer = V_SSL2;
            }
            else {
                this.violation('tls_invalid_record', `invalid SSLv2 header ${hex(h)}`);
                return;
            }
            if (len < 3) {
                this.violation('tls_invalid_record', `SSLv2 record of length ${len}`);
                return;
            }
            this.v2 = true;
            this.contentType = -1;
            this.startBody(len - 3, false, h.subarray(2, 5));
            return;
        }
        const version = (h[1] << 8) | h[2];
        const length = (h[3] << 8) | h[4];
        if (version < V_SSL3 || version > V_TLS12) {
            this.violation('tls_invalid_record', `record version 0x${version.toString(16)} (type ${h[0]})`);
            return;
        }
        if (conn.recordLayer === -1) {
            if (h[0] < 20 || h[0] > 30) {
                this.violation('tls_invalid_record', `record type ${h[0]}`);
                return;
            }
            conn.recordLayer = version;
        }
        if (length > TLS_MAX_RECORD) {
            this.violation('tls_record_too_long', `record of ${length} bytes (limit ${TLS_MAX_RECORD})`);
            return;
        }
        this.contentType = h[0];
        this.startBody(length, conn.determineState(this.isOrig, this.contentType));
    }
    get isClient() {
        return this.isOrig !== this.conn.flipped;
    }
    onCiphertext() {
        this.records++;
        this.encryptedRecords++;
        this.resetRecord();
        // A partial handshake message cannot continue in ciphertext.
        this.hsLen = 0;
        this.hsSkip = 0;
        this.certStream = undefined;
        this.conn.ciphertext(this.ts);
    }
    onRecord(body) {
        this.records++;
        const type = this.contentType;
        const v2 = this.v2;
        this.resetRecord();
        if (v2) {
            this.onV2Message(body);
            return;
        }
        const conn = this.conn;
        switch (type) {
            case 20:
                conn.addHistory(this.isClient, 'i', this);
                if (this.isClient && conn.clientTicketEmptySessionSeen && !conn.clientKeyExchangeSeen)
                    conn.resumed = true;
                // In TLS 1.3 a CCS is compatibility padding: it starts nothing.
                if (!conn.tls13)
                    conn.encrypted[this.isOrig ? 0 : 1] = true;
                this.hsLen = 0;
                this.hsSkip = 0;
                this.certStream = undefined;
                return;
            case 21: {
                const max = conn.tls13 ? 2 : MAX_ALERTS_PER_RECORD * 2;
                if (body.length > max)
                    this.event('SSL_excessive_alerts_in_record', String(body.length >> 1));
                const end = Math.min(body.length, max);
                for (let i = 0; i + 1 < end; i += 2) {
                    conn.addHistory(this.isClient, 'l', this);
                    conn.lastAlert = body[i + 1];
                }
                return;
            }
            case 22:
                this.feedHandshake(body);
                return;
            case 23:
                if (conn.versionNum !== undefined)
                    this.event('ssl_early_application_data', '');
                return;
            case 24:
                conn.addHistory(this.isClient, 'b', this);
                return;
            default:
                this.violation('tls_unknown_record_type', `record type ${type}`);
        }
    }
    onV2Message(msg) {
        const conn = this.conn;
        if (conn.encrypted[this.isOrig ? 0 : 1]) {
            // An SSLv2 record after CLIENT-MASTER-KEY is ciphertext: counts as such.
            this.encryptedRecords++;
            conn.ciphertext(this.ts);
            return;
        }
        switch (msg[0]) {
            case 1: {
                const ch = parseV2ClientHello(msg);
                if (ch.malformed)
                    this.event('tls_malformed_handshake', 'SSLv2 client hello');
                conn.clientHello ??= ch;
                return;
            }
            case 2:
                // CLIENT-MASTER-KEY: both directions encrypt from here.
                conn.encrypted[0] = true;
                conn.encrypted[1] = true;
                return;
            case 4: {
                const c = new Cursor(msg, 1, msg.length);
                c.u8(); // session id hit
                c.u8(); // certificate type
                const version = c.u16();
                const certLen = c.u16();
                const cipherLen = c.u16();
                c.u16(); // connection id length
                const cert = c.bytes(certLen);
                const ciphers = c.sub(cipherLen);
                const cipher = ciphers.left >= 3 ? (ciphers.u8() << 16) | ciphers.u16() : 0;
                if (c.bad) {
                    this.event('tls_malformed_handshake', 'SSLv2 server hello');
                    return;
                }
                conn.setVersion(version);
                conn.versionNum ??= version;
                conn.cipher = cipher;
                conn.serverHello = {
                    sslv2: true,
                    version,
                    selectedVersion: undefined,
                    random: new Uint8Array(0),
                    sessionId: new Uint8Array(0),
                    cipherSuite: cipher,
                    compressionMethod: 0,
                    extensions: [],
                    alpn: [],
                    keyShareGroup: undefined,
                    pskSelected: false,
                    helloRetryRequest: false,
                    malformed: false,
                };
                if (cert.length > 0)
                    this.addCerts(false, [cert]);
                return;
            }
            default:
                return;
        }
    }
    feedHandshake(data) {
        let p = 0;
        const n = data.length;
        while (p < n && !this.done) {
            if (this.certStream) {
                p = this.certStream.feed(data, p, n);
                if (this.certStream.left === 0)
                    this.endCertStream();
                continue;
            }
            if (this.hsSkip > 0) {
                const k = Math.min(this.hsSkip, n - p);
                this.hsSkip -= k;
                p += k;
                continue;
            }
            if (this.hsLen === 0 && n - p >= 4) {
                const len = (data[p + 1] << 16) | (data[p + 2] << 8) | data[p + 3];
                if (len > TLS_MAX_HANDSHAKE) {
                    this.tooLong(data[p], len);
                    p += 4;
                    continue;
                }
                if (n - p >= 4 + len) {
                    this.onHandshake(data[p], data.subarray(p + 4, p + 4 + len));
                    p += 4 + len;
                    continue;
                }
            }
            // Accumulate across records.
            if (this.hsLen < 4) {
                const k = Math.min(4 - this.hsLen, n - p);
                this.ensureHs(4);
                this.hs.set(data.subarray(p, p + k), this.hsLen);
                this.hsLen += k;
                p += k;
                if (this.hsLen < 4)
                    continue;
                const len = (this.hs[1] << 16) | (this.hs[2] << 8) | this.hs[3];
                if (len > TLS_MAX_HANDSHAKE) {
                    this.hsLen = 0;
                    this.tooLong(this.hs[0], len);
                    continue;
                }
                this.ensureHs(4 + len);
            }
            const total = 4 + ((this.hs[1] << 16) | (this.hs[2] << 8) | this.hs[3]);
            const k = Math.min(total - this.hsLen, n - p);
            this.hs.set(data.subarray(p, p + k), this.hsLen);
            this.hsLen += k;
            p += k;
            if (this.hsLen === total) {
                this.hsLen = 0;
                this.onHandshake(this.hs[0], this.hs.subarray(4, total));
                // A certificate chain can grow the buffer to 64 KiB: give that back once it is read.
                if (this.hs.length > 16 * 1024)
                    this.hs = new Uint8Array(0);
            }
        }
    }
    /** A message over the reassembly bound: certificates stream, anything else is skipped. */
    tooLong(type, len) {
        if (type === 11) {
            this.certStream = new CertStream(len, this.conn.tls13);
            this.certStreamClient = this.isClient;
            return;
        }
        this.event('tls_handshake_too_long', `handshake type ${type} of ${len} bytes`);
        this.hsSkip = len;
    }
    endCertStream() {
        const stream = this.certStream;
        this.certStream = undefined;
        const conn = this.conn;
        conn.serverCerts ??= [];
        conn.clientCerts ??= [];
        const into = this.certStreamClient ? conn.clientCerts : conn.serverCerts;
        if (stream.unreadable > 0)
            this.event('tls_bad_certificate', `${stream.unreadable} unreadable certificate(s)`);
        for (const c of stream.certs)
            if (into.length < MAX_CERTS)
                into.push(c);
        conn.addHistory(this.certStreamClient, 'x', this);
    }
    ensureHs(size) {
        if (this.hs.length >= size)
            return;
        const grown = new Uint8Array(Math.min(TLS_MAX_HANDSHAKE + 4, Math.max(size, this.hs.length * 2, 256)));
        grown.set(this.hs.subarray(0, this.hsLen));
        this.hs = grown;
    }
    onHandshake(type, body) {
        const conn = this.conn;
        if (type === 0)
            conn.checkFlipped(false, this.isOrig, this);
        else if (type === 1)
            conn.checkFlipped(true, this.isOrig, this);
        else if (type === 2)
            conn.checkFlipped(false, this.isOrig, this);
        const isClient = this.isClient;
        switch (type) {
            case 1:
                this.onClientHello(parseClientHello(body, conn.dtls), isClient);
                break;
            case 2:
                this.onServerHello(parseServerHello(body), isClient);
                break;
            case 11:
                this.onCertificate(body, isClient);
                break;
            case 12:
                // ECDHE / ECDH-anon parameters: curve_type 3 (named_curve), then the group.
                if (ECDH_SKE_SUITES.has(conn.chosenCipher) && body.length >= 3 && body[0] === 3)
                    conn.curve = (body[1] << 8) | body[2];
                break;
        }
        if (isClient && type === 16)
            conn.clientKeyExchangeSeen = true;
        let letter = HS_LETTERS[type] ?? 'z';
        if (type === 2 && conn.hrrSeen) {
            letter = 'j';
            conn.hrrSeen = false;
        }
        conn.addHistory(isClient, letter, this);
    }
    onClientHello(ch, isClient) {
        const conn = this.conn;
        if (ch.malformed)
            this.event('tls_malformed_handshake', 'client hello');
        conn.clientHello ??= ch;
        if (isClient) {
            if (ch.sessionTicketLength > 0)
                conn.clientTicketEmptySessionSeen = true;
            if (ch.extensions.includes(41))
                conn.clientPskSeen = true;
            if (ch.serverNames.length > 0) {
                conn.serverName = ch.serverNames[0];
                if (ch.serverNames.length > 1)
                    this.event('SSL_many_server_names', ch.serverNames.join(','));
            }
        }
        if (ch.sessionId.length > 0 && !(ch.sessionId.length === 32 && ch.sessionId.every((b) => b === 0))) {
            conn.sessionId = hex(ch.sessionId);
            conn.clientTicketEmptySessionSeen = false;
        }
    }
    onServerHello(sh, isClient) {
        const conn = this.conn;
        if (sh.malformed)
            this.event('tls_malformed_handshake', 'server hello');
        if (!isClient) {
            if (sh.selectedVersion !== undefined)
                conn.versionNum = sh.selectedVersion;
            if (sh.keyShareGroup !== undefined)
                conn.curve = sh.keyShareGroup;
            if (sh.alpn.length > 0)
                conn.nextProtocol = sh.alpn[0];
            if (sh.pskSelected && conn.clientPskSeen)
                conn.resumed = true;
        }
        if (sh.selectedVersion !== undefined)
            conn.setVersion(sh.selectedVersion);
        conn.setVersion(sh.version);
        conn.chosenCipher = sh.cipherSuite;
        // Keep the ServerHello that answered (not a HelloRetryRequest) for JA3S.
        if (!conn.serverHello || conn.serverHello.helloRetryRequest)
            conn.serverHello = sh;
        // ssl_server_hello in main.zeek.
        conn.versionNum ??= sh.version;
        conn.cipher = sh.cipherSuite;
        if (sh.helloRetryRequest)
            conn.hrrSeen = true;
        const v = conn.versionNum;
        if (conn.sessionId !== undefined &&
            conn.sessionId === hex(sh.sessionId) &&
            Math.floor(v / 0xff) !== 0x7f &&
            v !== V_TLS13)
            conn.resumed = true;
    }
    onCertificate(body, isClient) {
        const c = new Cursor(body, 0, body.length);
        // TLS 1.3 (when it is visible at all) adds a request context and per-entry extensions.
        const tls13 = this.conn.tls13;
        if (tls13)
            c.bytes(c.u8());
        const list = c.sub(c.u24());
        const ders = [];
        while (list.left >= 3 && ders.length < MAX_CERTS) {
            const der = list.bytes(list.u24());
            if (tls13)
                list.bytes(list.u16());
            if (list.bad)
                break;
            ders.push(der);
        }
        if (c.bad || list.bad)
            this.event('tls_malformed_handshake', 'certificate list');
        this.addCerts(isClient, ders);
    }
    addCerts(isClient, ders) {
        const conn = this.conn;
        conn.serverCerts ??= [];
        conn.clientCerts ??= [];
        const into = isClient ? conn.clientCerts : conn.serverCerts;
        for (const der of ders) {
            if (into.length >= MAX_CERTS)
                break;
            const fingerprint = createHash('sha256').update(der).digest('hex');
            const x = parseX509(der, fingerprint);
            if (!x)
                this.event('tls_bad_certificate', `unreadable certificate of ${der.length} bytes`);
            into.push(x ?? unreadableCert(fingerprint));
        }
    }
}
/** Two parsers sharing one connection state: `orig` reads the originator's bytes. */
export function createTlsPair(sink) {
    const conn = new TlsConnState();
    const base = sink ? { sink, conn } : { conn };
    return {
        orig: new TlsStreamParser({ ...base, isOrig: true }),
        resp: new TlsStreamParser({ ...base, isOrig: false }),
    };
}
/**
 * The part of Zeek's `validation_status` (policy/protocols/ssl/validate-certs, OpenSSL's
 * verification strings) that the leaf certificate alone decides, at time `ts`: "self signed
 * certificate" when its subject is its issuer (OpenSSL reports that before any date), else
 * "certificate has expired" / "certificate is not yet valid". Undefined otherwise: without
 * Mozilla's root store netscry does not say "ok" or name an unknown issuer, as Zeek does.
 */
export function leafValidation(leaf, ts) {
    if (leaf.subject !== '' && leaf.subject === leaf.issuer)
        return 'self signed certificate';
    if (ts > leaf.notValidAfter)
        return 'certificate has expired';
    if (ts < leaf.notValidBefore)
        return 'certificate is not yet valid';
    return undefined;
}
/**
 * The ssl.log record of a connection from its two directions (and, given the time the
 * connection was seen, the leaf's `validation_status`). With a shared `TlsConnState`
 * (`createTlsPair`) every field follows Zeek; two independent parsers give the hello- and
 * certificate-derived fields only (`established` false, `ssl_history` empty), since the rules
 * for those need both directions in order.
 */
export function tlsLogRecord(orig, resp, ts) {
    const shared = orig.conn === resp.conn;
    const conns = shared ? [orig.conn] : [orig.conn, resp.conn];
    const pick = (f) => {
        for (const c of conns) {
            const v = f(c);
            if (v !== undefined)
                return v;
        }
        return undefined;
    };
    const rec = {
        resumed: conns.some((c) => c.resumed),
        established: shared && orig.conn.established,
        ssl_history: shared ? orig.conn.history : '',
    };
    const versionNum = pick((c) => c.versionNum);
    if (versionNum !== undefined)
        rec.version = tlsVersionName(versionNum);
    const cipher = pick((c) => c.cipher);
    if (cipher !== undefined)
        rec.cipher = tlsCipherName(cipher);
    const curve = pick((c) => c.curve);
    if (curve !== undefined)
        rec.curve = tlsGroupName(curve);
    const sni = pick((c) => c.serverName);
    if (sni !== undefined)
        rec.server_name = sni;
    const alert = pick((c) => c.lastAlert);
    if (alert !== undefined)
        rec.last_alert = tlsAlertName(alert);
    const next = pick((c) => c.nextProtocol);
    if (next !== undefined)
        rec.next_protocol = next;
    const serverCerts = pick((c) => c.serverCerts);
    const clientCerts = pick((c) => c.clientCerts);
    if (serverCerts || clientCerts) {
        rec.cert_chain_fps = (serverCerts ?? []).map((x) => x.fingerprint);
        rec.client_cert_chain_fps = (clientCerts ?? []).map((x) => x.fingerprint);
    }
    const leaf = serverCerts?.[0];
    if (leaf) {
        rec.subject = leaf.subject;
        rec.issuer = leaf.issuer;
        const status = ts === undefined ? undefined : leafValidation(leaf, ts);
        if (status !== undefined)
            rec.validation_status = status;
    }
    const clientLeaf = clientCerts?.[0];
    if (clientLeaf) {
        rec.client_subject = clientLeaf.subject;
        rec.client_issuer = clientLeaf.issuer;
    }
    const ch = pick((c) => c.clientHello);
    if (ch && !ch.sslv2) {
        const j3 = ja3(ch);
        if (j3)
            rec.ja3 = j3;
        rec.ja4 = ja4(ch).ja4;
    }
    const sh = pick((c) => c.serverHello);
    if (sh) {
        const j3s = ja3s(sh);
        if (j3s)
            rec.ja3s = j3s;
    }
    return rec;
}
//# sourceMappingURL=tls.js.map