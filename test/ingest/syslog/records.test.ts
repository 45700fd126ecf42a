import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SyslogConverter } from '../../../src/ingest/syslog/records.js';

const parse = (line: string): Record<string, unknown> => JSON.parse(line) as Record<string, unknown>;

describe('syslog lines as netscry records', () => {
  const c = (): SyslogConverter => new SyslogConverter({ source: 'auth.log', year: 2024 });

  it('turns sshd logins into auth records with the remote address', () => {
    const r = c().convert(
      'Mar  3 10:00:01 bastion sshd[411]: Failed password for invalid user oracle from 203.0.113.7 port 50022 ssh2',
      0,
    );
    expect(parse(r.line)).toMatchObject({
      _path: 'auth',
      ts: Date.UTC(2024, 2, 3, 10, 0, 1) / 1000,
      'id.orig_h': '203.0.113.7',
      'id.orig_p': 50022,
      service: 'sshd',
      action: 'login',
      success: false,
      user: 'oracle',
      invalid_user: true,
      method: 'password',
      count: 1,
      host: 'bastion',
      'syslog.source': 'auth.log',
    });
  });

  it('turns firewall lines into conn records with the decision', () => {
    const line =
      'Mar  3 10:00:02 gw kernel: [UFW BLOCK] IN=eth0 OUT= MAC=00 SRC=198.51.100.9 DST=10.0.0.5 LEN=60 TOS=0x00 PREC=0x00 TTL=49 ID=1 DF PROTO=TCP SPT=41000 DPT=23 WINDOW=1024 RES=0x00 SYN URGP=0';
    expect(parse(c().convert(line, 0).line)).toMatchObject({
      _path: 'conn',
      'id.orig_h': '198.51.100.9',
      'id.orig_p': 41000,
      'id.resp_h': '10.0.0.5',
      'id.resp_p': 23,
      proto: 'tcp',
      conn_state: 'S0',
      orig_pkts: 1,
      orig_ip_bytes: 60,
      'firewall.action': 'block',
      'firewall.engine': 'netfilter',
      'firewall.direction': 'in',
      'firewall.in': 'eth0',
    });
  });

  it('turns DHCP server lines into dhcp records, and keeps anything else as syslog records', () => {
    const conv = c();
    const dhcp = parse(
      conv.convert(
        'Mar  3 10:00:03 router dnsmasq-dhcp[77]: DHCPACK(br0) 192.168.1.23 aa:bb:cc:dd:ee:ff laptop',
        0,
      ).line,
    );
    expect(dhcp).toMatchObject({
      _path: 'dhcp',
      assigned_addr: '192.168.1.23',
      mac: 'aa:bb:cc:dd:ee:ff',
      host_name: 'laptop',
      msg_types: ['ACK'],
      'dhcp.server_software': 'dnsmasq',
    });
    const other = parse(
      conv.convert(
        '<165>1 2024-03-03T10:00:04.5Z web01 nginx 99 ID7 [ex@32473 k="v" __proto__="x"] hello',
        10,
        {
          addr: '10.0.0.9',
          port: 514,
          transport: 'udp',
        },
      ).line,
    );
    expect(other).toMatchObject({
      _path: 'syslog',
      ts: Date.UTC(2024, 2, 3, 10, 0, 4, 500) / 1000,
      'id.orig_h': '10.0.0.9',
      proto: 'udp',
      facility: 'LOCAL4',
      severity: 'NOTICE',
      app: 'nginx',
      procid: '99',
      msgid: 'ID7',
      message: 'hello',
      format: '5424',
      host: 'web01',
    });
    expect((other.structured_data as Record<string, Record<string, string>>)['ex@32473']).toEqual({
      k: 'v',
      ['__proto__']: 'x',
    });
    expect(dhcp.uids).not.toEqual(other.uid);
  });

  it('estimates a missing timestamp from the receive time or the previous line, and says so', () => {
    const conv = new SyslogConverter({ source: 'x', referenceTs: 1000 });
    expect(parse(conv.convert('no timestamp at all', 0).line)).toMatchObject({
      ts: 1000,
      'syslog.ts_estimated': true,
    });
    conv.convert('<13>1 2024-01-01T00:00:00Z h a - - - ok', 0);
    const r = conv.convert('<13>1 - h a - - - nil time', 0);
    expect(parse(r.line)).toMatchObject({ ts: Date.UTC(2024, 0, 1) / 1000, 'syslog.ts_estimated': true });
    expect(parse(conv.convert('<13>1 - h a - - - live', 0, undefined, 5000).line).ts).toBe(5000);
  });

  it('gives one parseable record for any input, with events and never an exception (property)', () => {
    const conv = c();
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.uint8Array({ maxLength: 400 })), (input) => {
        const r = conv.convert(input, 0);
        expect(r.line.endsWith('\n')).toBe(true);
        expect(r.line.indexOf('\n')).toBe(r.line.length - 1);
        const rec = parse(r.line);
        expect(typeof rec._path).toBe('string');
        expect(Number.isFinite(rec.ts)).toBe(true);
      }),
    );
  });
});
