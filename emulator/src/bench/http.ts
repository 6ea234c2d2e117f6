import { Agent, request } from 'node:http';

/**
 * One keep-alive client for every scenario, raw and through the stack, so the comparison measures
 * the servers, not two different clients.
 */
export function keepAliveAgent(maxSockets: number): Agent {
  return new Agent({ keepAlive: true, maxSockets, maxFreeSockets: maxSockets });
}

export function post(
  agent: Agent,
  url: URL,
  body: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        agent,
        headers: { 'content-length': Buffer.byteLength(body), ...headers },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
        res.on('error', reject);
      },
    );
    req.setTimeout(30_000, () => req.destroy(new Error('no answer within 30 s')));
    req.on('error', reject);
    req.end(body);
  });
}

/** One InfluxQL statement over InfluxDB's HTTP API, failing on a non-2xx answer. */
export async function influxQuery(influxUrl: string, q: string): Promise<void> {
  const res = await fetch(`${influxUrl}/query`, {
    method: 'POST',
    body: new URLSearchParams({ q }),
  });
  if (!res.ok) throw new Error(`InfluxDB answered ${res.status} to ${q}`);
}
