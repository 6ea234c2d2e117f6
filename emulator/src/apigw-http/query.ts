/**
 * The request target split the way format 2.0 reports it:
 * - `rawPath`: percent-decoded (unlike REST APIs and Function URLs; honojs/hono#2156,
 *   middleapi/standard-server#93). The `$default` stage is served at the root, so no stage prefix.
 * - `rawQueryString`: everything after the first `?`, still percent-encoded, `""` when there is
 *   none (ministackorg/ministack#1035; captured events).
 */
export interface RequestTarget {
  rawPath: string;
  rawQueryString: string;
  /** The path as sent, still percent-encoded: what stage and route matching split on `/`. */
  encodedPath: string;
}

export function splitTarget(url: string): RequestTarget {
  const target = stripOrigin(url);
  const q = target.indexOf('?');
  const path = q === -1 ? target : target.slice(0, q);
  const rawQueryString = q === -1 ? '' : target.slice(q + 1);
  const encodedPath = path === '' ? '/' : path;
  return { rawPath: safeDecode(encodedPath), rawQueryString, encodedPath };
}

/** A proxy-style absolute target (`GET http://host/path HTTP/1.1`) keeps only its path and query. */
function stripOrigin(url: string): string {
  const scheme = /^[a-z][a-z0-9+.-]*:\/\/[^/?]*/i.exec(url);
  return scheme ? url.slice(scheme[0].length) : url;
}

/**
 * `queryStringParameters`: decoded names and values, repeated names joined with `,` (AWS doc:
 * "Duplicate query strings are combined with commas"); `undefined` when there is no query, because
 * real events omit the key. A name without `=` gets `""`.
 *
 * `+` decodes to a space, as in form encoding; REST APIs do this (aws/aws-cdk#19827), for HTTP APIs
 * it is NOT CONFIRMED.
 */
export function parseQuery(rawQueryString: string): Record<string, string> | undefined {
  const params = new Map<string, string>();
  for (const piece of rawQueryString.split('&')) {
    if (piece === '') continue;
    const eq = piece.indexOf('=');
    const name = decodeComponent(eq === -1 ? piece : piece.slice(0, eq));
    const value = eq === -1 ? '' : decodeComponent(piece.slice(eq + 1));
    const seen = params.get(name);
    params.set(name, seen === undefined ? value : `${seen},${value}`);
  }
  return params.size === 0 ? undefined : Object.fromEntries(params);
}

function decodeComponent(text: string): string {
  return safeDecode(text.replaceAll('+', ' '));
}

/**
 * Percent-decodes every well-formed run of `%XX` escapes and leaves malformed ones (`%zz`, a lone
 * `%`, invalid UTF-8) as they were, so one bad escape does not turn the request into an error.
 * What AWS does with malformed escapes is NOT CONFIRMED.
 */
export function safeDecode(text: string): string {
  return text.replace(/(?:%[0-9a-f]{2})+/gi, decodeRun);
}

/** Decodes a run of `%XX` escapes, keeping any escape that is not part of valid UTF-8 as it was. */
function decodeRun(run: string): string {
  try {
    return decodeURIComponent(run);
  } catch {
    const escapes = run.match(/%[0-9a-f]{2}/gi) ?? [];
    let out = '';
    for (let i = 0; i < escapes.length;) {
      const taken = longestDecodable(escapes, i);
      out += taken ? decodeURIComponent(escapes.slice(i, i + taken).join('')) : escapes[i];
      i += taken || 1;
    }
    return out;
  }
}

/** How many escapes from `start` form one valid UTF-8 character (1 to 4), or 0 if none do. */
function longestDecodable(escapes: string[], start: number): number {
  for (let length = 4; length >= 1; length--) {
    if (start + length > escapes.length) continue;
    try {
      decodeURIComponent(escapes.slice(start, start + length).join(''));
      return length;
    } catch {
      // not a character of this length; try a shorter one
    }
  }
  return 0;
}
