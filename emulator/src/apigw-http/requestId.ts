import { randomIdBytes } from './random.js';

/**
 * A new API Gateway request id, shaped like the ones AWS sends (`LV7fzho-PHcEJPw=`): the base64
 * text of 11 bytes, i.e. 15 characters and one `=` of padding.
 *
 * Why this shape: captured events (aws/aws-lambda-go `events/testdata/apigw-v2-request-no-authorizer.json`,
 * powertools `apigw-http/no-auth.json`) and `apigw-requestid` headers all decode as 11-byte base64 -
 * the 15th character always has its two low bits clear. The ids use `-` where standard base64 has
 * `+`; we never emit `/` (it would need escaping in URLs and logs), so an encoding that contains one
 * is drawn again (about one draw in five).
 *
 * Uniqueness is probabilistic, as with UUIDs: ~87 random bits make a collision within a billion
 * requests about a one-in-300-million event.
 *
 * @example
 * newRequestId(); // 'q3Vb0Zk-T1aXw2E='
 */
export function newRequestId(): string {
  for (;;) {
    const id = randomIdBytes(11).toString('base64');
    if (!id.includes('/')) return id.replaceAll('+', '-');
  }
}

/** The shape every id from `newRequestId` has; exported for tests and callers that validate ids. */
export const REQUEST_ID_PATTERN = /^[A-Za-z0-9-]{15}=$/;
