import { validateHeaderName, validateHeaderValue } from 'node:http';

/** Headers that frame the message; the gateway sets its own, whatever the function says. */
const FRAMING_HEADERS = new Set([
  'connection',
  'content-length',
  'keep-alive',
  'transfer-encoding',
]);

/** Lower-cased headers plus one `set-cookie` per cookie (2.0 has no `multiValueHeaders`). */
export function responseHeaders(
  headers: Record<string, unknown>,
  cookies: string[],
): Record<string, string | string[]> | string {
  const out = new Map<string, string | string[]>();
  for (const [rawName, rawValue] of Object.entries(headers)) {
    if (!['string', 'number', 'boolean'].includes(typeof rawValue)) {
      return `header ${rawName} must be a string, number or boolean`;
    }
    const name = rawName.toLowerCase();
    const problem = invalidHeader(name, String(rawValue));
    if (problem) return problem;
    if (!FRAMING_HEADERS.has(name)) out.set(name, String(rawValue));
  }
  const single = out.get('set-cookie');
  const setCookies = [...(typeof single === 'string' ? [single] : []), ...cookies];
  for (const cookie of setCookies) {
    const problem = invalidHeader('set-cookie', cookie);
    if (problem) return problem;
  }
  if (setCookies.length > 0) out.set('set-cookie', setCookies);
  return Object.fromEntries(out);
}

/** Node would throw while writing a header with a bad name or a line break in its value. */
function invalidHeader(name: string, value: string): string | undefined {
  try {
    validateHeaderName(name);
    validateHeaderValue(name, value);
    return undefined;
  } catch (err) {
    return `header ${JSON.stringify(name)} is invalid: ${(err as Error).message}`;
  }
}
