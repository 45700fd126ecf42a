import { describe, expect, it } from 'vitest';
import { extractSecurityEvent, parseSyslog, type SecurityEvent } from '../../../src/ingest/syslog/index.js';

const ev = (line: string): SecurityEvent =>
  extractSecurityEvent(parseSyslog(line, { source: 't', year: 2024 }).record);

describe('sshd', () => {
  it.each([
    [
      'Accepted publickey for alice from 2001:db8::7 port 50022 ssh2: ED25519 SHA256:abc',
      {
        action: 'login',
        outcome: 'success',
        user: 'alice',
        sourceAddr: '2001:db8::7',
        sourcePort: 50022,
        method: 'publickey',
      },
    ],
    [
      'Failed keyboard-interactive/pam for invalid user bob from 10.1.2.3 port 4242 ssh2',
      {
        action: 'login',
        outcome: 'failure',
        user: 'bob',
        invalidUser: true,
        method: 'keyboard-interactive/pam',
        sourcePort: 4242,
      },
    ],
    [
      'Failed password for root from 10.1.2.3 port 22 ssh2',
      { outcome: 'failure', user: 'root', invalidUser: false },
    ],
    [
      'Invalid user admin from 203.0.113.9 port 5555',
      { action: 'invalid_user', user: 'admin', sourceAddr: '203.0.113.9', sourcePort: 5555 },
    ],
    [
      'Disconnected from authenticating user root 203.0.113.9 port 5555 [preauth]',
      { action: 'disconnect', user: 'root', sourceAddr: '203.0.113.9', sourcePort: 5555 },
    ],
    [
      'Connection closed by invalid user guest 203.0.113.9 port 6000 [preauth]',
      { action: 'disconnect', user: 'guest', invalidUser: true, sourcePort: 6000 },
    ],
    [
      'Received disconnect from 203.0.113.9 port 6000:11: Bye Bye [preauth]',
      { action: 'disconnect', sourceAddr: '203.0.113.9', sourcePort: 6000, reason: 'Bye Bye' },
    ],
    [
      'reverse mapping checking getaddrinfo for evil.example [198.51.100.1] failed - POSSIBLE BREAK-IN ATTEMPT!',
      { action: 'break_in_attempt', sourceHost: 'evil.example', sourceAddr: '198.51.100.1' },
    ],
    [
      'pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=198.51.100.1  user=root',
      { action: 'auth_failure', outcome: 'failure', sourceAddr: '198.51.100.1', user: 'root' },
    ],
    [
      'error: maximum authentication attempts exceeded for root from 198.51.100.1 port 1 ssh2 [preauth]',
      { action: 'max_attempts', user: 'root', sourcePort: 1 },
    ],
  ])('%s', (msg, want) => {
    const e = ev(`<38>Jan  1 00:00:00 host sshd[42]: ${msg}`);
    expect(e).toMatchObject({ kind: 'auth', service: 'sshd', ...want });
    if (e.kind === 'auth') expect(e.header.procid).toBe('42');
  });

  it('sshd-session (OpenSSH ≥ 9.8) is sshd', () => {
    expect(
      ev('<38>1 2024-06-01T00:00:00Z h sshd-session 7 - - Accepted password for a from 1.2.3.4 port 5 ssh2'),
    ).toMatchObject({
      kind: 'auth',
      service: 'sshd',
      outcome: 'success',
    });
  });
});

describe('sudo and su', () => {
  it('sudo command', () => {
    expect(
      ev(
        'Mar  1 00:00:01 h sudo:    alice : TTY=pts/0 ; PWD=/home/alice ; USER=root ; COMMAND=/usr/bin/id -u',
      ),
    ).toMatchObject({
      kind: 'auth',
      service: 'sudo',
      action: 'sudo',
      outcome: 'success',
      user: 'alice',
      tty: 'pts/0',
      pwd: '/home/alice',
      targetUser: 'root',
      command: '/usr/bin/id -u',
    });
  });

  it('sudo refusals and auth failures', () => {
    expect(
      ev(
        'Mar  1 00:00:01 h sudo:      bob : 3 incorrect password attempts ; TTY=pts/1 ; PWD=/ ; USER=root ; COMMAND=/bin/sh',
      ),
    ).toMatchObject({
      outcome: 'failure',
      user: 'bob',
      count: 3,
      reason: '3 incorrect password attempts',
      command: '/bin/sh',
    });
    expect(
      ev(
        'Mar  1 00:00:01 h sudo: bob : user NOT in sudoers ; TTY=pts/1 ; PWD=/ ; USER=root ; COMMAND=/bin/sh',
      ),
    ).toMatchObject({
      outcome: 'failure',
      reason: 'user NOT in sudoers',
    });
    expect(
      ev(
        'Mar  1 00:00:01 h sudo: pam_unix(sudo:auth): authentication failure; logname=bob uid=1000 euid=0 tty=/dev/pts/1 ruser=bob rhost=  user=bob',
      ),
    ).toMatchObject({
      service: 'sudo',
      action: 'auth_failure',
      user: 'bob',
      targetUser: 'bob',
      tty: '/dev/pts/1',
    });
  });

  it('su forms', () => {
    expect(ev('Mar  1 00:00:01 h su[9]: (to root) alice on pts/3')).toMatchObject({
      service: 'su',
      outcome: 'success',
      user: 'alice',
      targetUser: 'root',
      tty: 'pts/3',
    });
    expect(ev('Mar  1 00:00:01 h su[9]: FAILED su for root by mallory')).toMatchObject({
      outcome: 'failure',
      user: 'mallory',
    });
    expect(ev('Mar  1 00:00:01 h su[9]: - pts/3 mallory:root')).toMatchObject({
      outcome: 'failure',
      targetUser: 'root',
    });
    expect(
      ev(
        'Mar  1 00:00:01 h su[9]: pam_unix(su:session): session opened for user root(uid=0) by alice(uid=1000)',
      ),
    ).toMatchObject({ action: 'session_open', targetUser: 'root', user: 'alice' });
  });
});

describe('firewalls', () => {
  it('iptables LOG with a DROP prefix', () => {
    expect(
      ev(
        'Jan  1 00:00:00 gw kernel: [ 1234.567890] IPT-DROP-IN: IN=eth0 OUT= MAC=00:11:22:33:44:55:66:77:88:99:aa:bb:08:00 SRC=203.0.113.5 DST=192.0.2.10 LEN=60 TOS=0x00 PREC=0x00 TTL=52 ID=4321 DF PROTO=TCP SPT=51515 DPT=22 WINDOW=64240 RES=0x00 SYN URGP=0',
      ),
    ).toMatchObject({
      kind: 'firewall',
      engine: 'netfilter',
      action: 'block',
      rule: 'IPT-DROP-IN:',
      direction: 'in',
      inInterface: 'eth0',
      outInterface: null,
      src: '203.0.113.5',
      dst: '192.0.2.10',
      proto: 'tcp',
      srcPort: 51515,
      dstPort: 22,
      length: 60,
    });
  });

  it('UFW, nftables accept, REJECT, ICMP type/code, no prefix', () => {
    expect(
      ev(
        'Jan  1 00:00:00 gw kernel: [UFW BLOCK] IN=wlan0 OUT= SRC=10.0.0.5 DST=10.0.0.255 LEN=78 PROTO=UDP SPT=137 DPT=137 LEN=58',
      ),
    ).toMatchObject({ action: 'block', proto: 'udp', dstPort: 137, length: 78 });
    expect(
      ev(
        'Jan  1 00:00:00 gw kernel: nft accept fwd: IN=eth1 OUT=eth0 SRC=10.0.0.5 DST=8.8.8.8 LEN=84 PROTO=ICMP TYPE=8 CODE=0 ID=1 SEQ=1',
      ),
    ).toMatchObject({ action: 'allow', direction: 'forward', proto: 'icmp', srcPort: 8, dstPort: 0 });
    expect(
      ev(
        'Jan  1 00:00:00 gw kernel: REJECT IN=eth0 OUT= SRC=2001:db8::1 DST=2001:db8::2 LEN=80 PROTO=TCP SPT=1 DPT=2',
      ),
    ).toMatchObject({ action: 'reject', src: '2001:db8::1' });
    expect(
      ev('Jan  1 00:00:00 gw kernel: IN=eth0 OUT= SRC=1.1.1.1 DST=2.2.2.2 LEN=40 PROTO=TCP SPT=1 DPT=2'),
    ).toMatchObject({
      action: 'unknown',
      rule: null,
    });
  });

  it('OpenBSD pf as tcpdump prints pflog', () => {
    expect(
      ev('rule 1/0(match): block in on em0: 1.2.3.4.5555 > 5.6.7.8.22: S 12345:12345(0) win 512'),
    ).toMatchObject({
      kind: 'firewall',
      engine: 'pf',
      action: 'block',
      rule: 'rule 1/0(match)',
      direction: 'in',
      inInterface: 'em0',
      src: '1.2.3.4',
      srcPort: 5555,
      dst: '5.6.7.8',
      dstPort: 22,
      proto: 'tcp',
    });
    expect(
      ev(
        'Jan  1 00:00:00 fw pflogd: rule 3/(match) pass out on vio0: 2001:db8::1.53000 > 2001:db8::53.53: 1234+ A? x. (30)',
      ),
    ).toMatchObject({
      action: 'allow',
      direction: 'out',
      outInterface: 'vio0',
      src: '2001:db8::1',
      dstPort: 53,
    });
    expect(ev('rule 2/0(match): block in on em0: 10.0.0.1 > 10.0.0.2: icmp: echo request')).toMatchObject({
      proto: 'icmp',
      srcPort: null,
    });
    expect(ev('rule 4/0(match): pass in on em0: 10.0.0.1.68 > 10.0.0.2.67: udp 300')).toMatchObject({
      proto: 'udp',
    });
  });
});

describe('dhcp', () => {
  it('dnsmasq', () => {
    expect(
      ev('Jan  1 00:00:00 r dnsmasq-dhcp[99]: DHCPACK(eth0) 192.168.1.5 aa:bb:cc:dd:ee:ff laptop'),
    ).toMatchObject({
      kind: 'dhcp',
      server: 'dnsmasq',
      messageType: 'ACK',
      interface: 'eth0',
      ip: '192.168.1.5',
      mac: 'aa:bb:cc:dd:ee:ff',
      hostname: 'laptop',
    });
    expect(
      ev('Jan  1 00:00:00 r dnsmasq-dhcp[99]: 1234567 DHCPDISCOVER(br0) AA:BB:CC:DD:EE:01'),
    ).toMatchObject({
      messageType: 'DISCOVER',
      ip: null,
      mac: 'aa:bb:cc:dd:ee:01',
    });
    expect(
      ev('Jan  1 00:00:00 r dnsmasq-dhcp[99]: DHCPNAK(eth0) 192.168.1.9 aa:bb:cc:dd:ee:ff wrong network'),
    ).toMatchObject({
      messageType: 'NAK',
      hostname: null,
      detail: 'wrong network',
    });
  });

  it('ISC dhcpd', () => {
    expect(
      ev('Jan  1 00:00:00 s dhcpd[5]: DHCPACK on 10.0.0.5 to aa:bb:cc:dd:ee:ff (host1) via eth0'),
    ).toMatchObject({
      kind: 'dhcp',
      server: 'dhcpd',
      messageType: 'ACK',
      ip: '10.0.0.5',
      mac: 'aa:bb:cc:dd:ee:ff',
      hostname: 'host1',
      interface: 'eth0',
    });
    expect(
      ev(
        'Jan  1 00:00:00 s dhcpd[5]: DHCPREQUEST for 10.0.0.5 (10.0.0.1) from aa:bb:cc:dd:ee:ff (host1) via eth0',
      ),
    ).toMatchObject({ messageType: 'REQUEST', ip: '10.0.0.5', detail: '10.0.0.1', hostname: 'host1' });
    expect(ev('Jan  1 00:00:00 s dhcpd[5]: DHCPDISCOVER from aa:bb:cc:dd:ee:ff via eth0')).toMatchObject({
      messageType: 'DISCOVER',
      ip: null,
      hostname: null,
    });
    expect(
      ev(
        'Jan  1 00:00:00 s dhcpd[5]: DHCPRELEASE of 10.0.0.5 from aa:bb:cc:dd:ee:ff (host1) via eth0 (found)',
      ),
    ).toMatchObject({
      messageType: 'RELEASE',
      detail: '(found)',
    });
    expect(ev('Jan  1 00:00:00 s dhcpd[5]: DHCPINFORM from 10.0.0.7 via eth0')).toMatchObject({
      messageType: 'INFORM',
      ip: '10.0.0.7',
    });
  });
});

it('anything else is generic with its header', () => {
  const e = ev('<30>Jan  1 00:00:00 h cron[1]: (root) CMD (run-parts /etc/cron.hourly)');
  expect(e).toMatchObject({
    kind: 'generic',
    header: { app: 'cron', procid: '1', facility: 3, severity: 6 },
  });
});
