/**
 * The built-in starter list of the `content.suspicious-destination` detector, in the same text
 * format a user's list file uses (content-patterns.ts `parseDestinationList`): one entry per
 * line — a domain suffix, or a domain with a path prefix — and a category word.
 *
 * A starter list, not threat intelligence: services abused for staging, exfiltration and
 * tunnelling that an enterprise rarely needs. Replace or extend it with `destinationsFile` /
 * `destinations` (docs/detectors.md, `content`).
 */
import { parseDestinationList } from './content-patterns.js';
export const BUILTIN_DESTINATIONS_TEXT = `
# Free TLDs (Freenom and successors): cheap throw-away domains.
tk                          free-tld
ml                          free-tld
ga                          free-tld
cf                          free-tld
gq                          free-tld

# Paste sites.
pastebin.com                paste
paste.ee                    paste
hastebin.com                paste
hastebin.skyra.pw           paste
toptal.com/developers/hastebin paste
ghostbin.com                paste
ghostbin.co                 paste
rentry.co                   paste
rentry.org                  paste
controlc.com                paste
justpaste.it                paste
dpaste.com                  paste
dpaste.org                  paste
paste.rs                    paste
privatebin.net              paste
pastebin.pl                 paste
ix.io                       paste
sprunge.us                  paste
termbin.com                 paste

# Anonymous file drops.
transfer.sh                 file-sharing
file.io                     file-sharing
temp.sh                     file-sharing
gofile.io                   file-sharing
anonfiles.com               file-sharing

# Tunnelling services that expose a host behind NAT.
ngrok.io                    tunnel
ngrok.app                   tunnel
ngrok-free.app              tunnel
ngrok-free.dev              tunnel
serveo.net                  tunnel
localhost.run               tunnel
lhr.life                    tunnel
trycloudflare.com           tunnel
loca.lt                     tunnel
localtunnel.me              tunnel
pagekite.me                 tunnel
bore.pub                    tunnel
pinggy.link                 tunnel
loclx.io                    tunnel
localto.net                 tunnel
telebit.cloud               tunnel
playit.gg                   tunnel

# Chat webhooks and bot APIs used as C2 and exfiltration channels (paths: HTTP only).
discord.com/api/webhooks    webhook
discordapp.com/api/webhooks webhook
api.telegram.org            webhook
`;
export const BUILTIN_DESTINATIONS = Object.freeze(parseDestinationList(BUILTIN_DESTINATIONS_TEXT, 'built-in destination list').map((e) => Object.freeze(e)));
//# sourceMappingURL=suspicious-destinations.js.map