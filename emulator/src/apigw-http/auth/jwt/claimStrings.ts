/**
 * The claims as API Gateway hands them to the integration: every value a string
 * (`requestContext.authorizer.jwt.claims`). Rules, from captured events:
 * - numbers and booleans become their text: `"exp": "1718722804"`, `"email_verified": "true"`
 *   (powertools `apigw-http/jwt-authorizer-auth.json`, DefinitelyTyped#75458);
 * - arrays become `[a b c]`, elements separated by spaces in brackets, e.g.
 *   `"cognito:groups": "[admin poweruser]"` (floci-io/floci#2011, measured against a live HTTP API;
 *   aws-solutions-library-samples/guidance-for-claude-code-with-amazon-bedrock#803);
 * - `null` claims are left out (floci-io/floci#2011, same capture);
 * - objects become their JSON text. NOT CONFIRMED: floci#2011 states it, but shows no capture of
 *   an object claim; the bracket form of arrays looks like Go's `fmt`, which would render a map as
 *   `map[k:v]`.
 *
 * @example
 * claimStrings({ sub: 'abc', exp: 1718722804, groups: ['a', 'b'], nothing: null });
 * // { sub: 'abc', exp: '1718722804', groups: '[a b]' }
 */
export function claimStrings(payload: Record<string, unknown>): Record<string, string> {
  // fromEntries defines own properties: a claim named `__proto__` stays a claim.
  return Object.fromEntries(
    Object.entries(payload)
      .filter(([, value]) => value !== null && value !== undefined)
      .map(([name, value]) => [name, render(value)]),
  );
}

function render(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return `[${value.map(render).join(' ')}]`;
  if (typeof value === 'object' && value !== null) return JSON.stringify(value);
  return String(value);
}
