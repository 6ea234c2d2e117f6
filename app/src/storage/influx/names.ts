/**
 * Reversible encoding of the text InfluxDB 1.x line protocol cannot carry in tag keys, tag values,
 * field keys and measurement names: a newline ends the line, a carriage return is refused, and a
 * backslash is taken as an escape (so a trailing one eats the separator that follows it).
 * node-influx escapes only `,`, `=` and space there (node_modules/influx/lib/src/grammar/escape.js),
 * so these four characters are percent-encoded first, `%` included so decoding stays exact:
 *
 *   %  -> %25    \  -> %5C    LF -> %0A    CR -> %0D
 *
 * Everything else (quotes, tabs, emoji, CJK, ...) is stored as is. Filters in InfluxQL must use the
 * encoded form too, since that is what InfluxDB holds.
 */
const ENCODE: Record<string, string> = { '%': '%25', '\\': '%5C', '\n': '%0A', '\r': '%0D' };
const DECODE: Record<string, string> = { '%25': '%', '%5C': '\\', '%0A': '\n', '%0D': '\r' };

export function encodeName(text: string): string {
  return text.replace(/[%\\\n\r]/g, (c) => ENCODE[c] ?? c);
}

export function decodeName(text: string): string {
  return text.replace(/%(?:25|5C|0A|0D)/g, (s) => DECODE[s] ?? s);
}
