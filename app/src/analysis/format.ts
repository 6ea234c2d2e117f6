import type { TelemetryRecord } from '../telemetry/record.js';

/**
 * Records as the read API shows them. Times are RFC 3339 with all nine fraction digits (the
 * stores keep nanoseconds). Values are strings, so a BIGINT comes back exactly; a DOUBLE in its
 * shortest form (`100`, where Timestream itself would say `100.0`), the same on every backend.
 */
export interface RecordView {
  time: string;
  measureName: string;
  dimensions: Record<string, string>;
  measures: Record<string, string>;
}

export function nsTime(ns: bigint): string {
  const ms = ns / 1_000_000n - (ns % 1_000_000n < 0n ? 1n : 0n);
  const fraction = String(ns - ms * 1_000_000n).padStart(6, '0');
  return `${new Date(Number(ms)).toISOString().slice(0, -1)}${fraction}Z`;
}

export function recordView(r: TelemetryRecord): RecordView {
  const m = r.measure;
  const text = (type: string, value: string) => (type === 'DOUBLE' ? String(Number(value)) : value);
  const measures =
    m.kind === 'single'
      ? { [`measure_value::${m.type.toLowerCase()}`]: text(m.type, m.value) }
      : Object.fromEntries(m.values.map((v) => [v.name, text(v.type, v.value)]));
  return {
    time: nsTime(r.time),
    measureName: r.measureName,
    dimensions: Object.fromEntries(r.dimensions.map((d) => [d.name, d.value])),
    measures,
  };
}

/**
 * CSV (RFC 4180): `time`, `measure_name`, then every dimension and every measure of the page as
 * columns, sorted by name; empty where a record has none. A cell that a spreadsheet would run as
 * a formula (starting with `=`, `+`, `-`, `@`, tab or carriage return) gets a leading `'`, unless
 * it is a number.
 */
export function toCsv(views: readonly RecordView[]): string {
  const dimensions = [...new Set(views.flatMap((v) => Object.keys(v.dimensions)))].sort();
  const measures = [...new Set(views.flatMap((v) => Object.keys(v.measures)))].sort();
  const header = ['time', 'measure_name', ...dimensions, ...measures];
  return csvTable(
    header,
    views.map((v) => [
      v.time,
      v.measureName,
      ...dimensions.map((d) => v.dimensions[d] ?? ''),
      ...measures.map((m) => v.measures[m] ?? ''),
    ]),
  );
}

/** A header and rows as CSV (RFC 4180, CRLF), each cell quoted and defused as `toCsv` says. */
export function csvTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const lines = [header, ...rows].map((row) => row.map(cell).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

function cell(text: string): string {
  const safe =
    /^[=+\-@\t\r]/.test(text) && !/^[+-]?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(text)
      ? `'${text}`
      : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
