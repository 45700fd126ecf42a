/**
 * Zeek TSV text for tests: the directive lines of a log and the columns of one, so tests
 * that write or read small logs state only what is particular to them.
 */

/** conn.log's first columns: time, uid, the connection's 4-tuple and transport. */
export const CONN_ID_COLUMNS: ReadonlyArray<readonly [string, string]> = [
  ['ts', 'time'],
  ['uid', 'string'],
  ['id.orig_h', 'addr'],
  ['id.orig_p', 'port'],
  ['id.resp_h', 'addr'],
  ['id.resp_p', 'port'],
  ['proto', 'enum'],
];

/** The small conn.log most tests write: the columns the heatmap and the scan detector read. */
export const SMALL_CONN_COLUMNS: ReadonlyArray<readonly [string, string]> = [
  ...CONN_ID_COLUMNS,
  ['conn_state', 'string'],
  ['orig_bytes', 'count'],
  ['resp_bytes', 'count'],
];

/** The header of a Zeek TSV log of `path` with these (name, type) columns, one line each, no #open. */
export function zeekTsvHeader(path: string, columns: ReadonlyArray<readonly [string, string]>): string[] {
  return headerLines(
    path,
    columns.map(([name]) => name),
    columns.map(([, type]) => type),
  );
}

/** The same header as one text (no trailing newline), by field names and types. */
export function zeekHeaderText(path: string, fields: readonly string[], types: readonly string[]): string {
  return headerLines(path, fields, types).join('\n');
}

/** The id columns every Zeek log with a connection starts with, and their types. */
export const ID_FIELDS = ['ts', 'uid', 'id.orig_h', 'id.orig_p', 'id.resp_h', 'id.resp_p'];
export const ID_TYPES = ['time', 'string', 'addr', 'port', 'addr', 'port'];

/** A whole Zeek TSV log (no #open or #close): header, then the rows, tab-separated. */
export function zeekTsvText(path: string, fields: string[], types: string[], rows: string[][]): string {
  return [...headerLines(path, fields, types), ...rows.map((r) => r.join('\t')), ''].join('\n');
}

function headerLines(path: string, fields: readonly string[], types: readonly string[]): string[] {
  return [
    '#separator \\x09',
    '#set_separator\t,',
    '#empty_field\t(empty)',
    '#unset_field\t-',
    `#path\t${path}`,
    `#fields\t${fields.join('\t')}`,
    `#types\t${types.join('\t')}`,
  ];
}

/** The `#fields` and `#types` of a Zeek TSV text. */
export function zeekColumns(text: string): { fields: string[]; types: string[] } {
  const lines = text.split('\n');
  const directive = (name: string): string[] =>
    lines
      .find((l) => l.startsWith(`#${name}\t`))!
      .split('\t')
      .slice(1);
  return { fields: directive('fields'), types: directive('types') };
}
