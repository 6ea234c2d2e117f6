import { randomIdBytes } from './random.js';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const pad2 = (n: number): string => String(n).padStart(2, '0');

/**
 * `requestContext.time`: Common Log Format in UTC, `21/Apr/2020:15:08:21 +0000` (AWS doc
 * http-api-develop-integrations-lambda.html; captured events). `Date.toUTCString` and friends use
 * other layouts, hence the hand-built string.
 */
export function formatClfTime(date: Date): string {
  const day = pad2(date.getUTCDate());
  const month = MONTHS[date.getUTCMonth()] ?? 'Jan';
  const clock = [date.getUTCHours(), date.getUTCMinutes(), date.getUTCSeconds()].map(pad2);
  return `${day}/${month}/${date.getUTCFullYear()}:${clock.join(':')} +0000`;
}

/**
 * An X-Ray trace header as API Gateway adds it to every request: `Root=1-<epoch seconds, 8 hex>-<24 hex>`
 * (e.g. `Root=1-5e9f0c65-1de4d666d4dd26aced652b6c` in aws/aws-lambda-go's captured v2 event).
 */
export function newTraceId(date: Date): string {
  const seconds = Math.floor(date.getTime() / 1000)
    .toString(16)
    .padStart(8, '0');
  return `Root=1-${seconds}-${randomIdBytes(12).toString('hex')}`;
}
