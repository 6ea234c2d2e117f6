/** One statement of the IAM policy a Lambda authorizer returns. */
export interface PolicyStatement {
  effect: 'Allow' | 'Deny';
  actions: string[];
  resources: string[];
}

/**
 * Whether a policy lets the caller invoke `routeArn`: at least one `Allow` statement for
 * `execute-api:Invoke` on a matching resource and no matching `Deny` (an explicit deny always
 * wins, as in IAM). Resources and actions may use IAM wildcards, `*` (any run of characters,
 * `/` and `:` included) and `?` (one character); actions compare case-insensitively, resources
 * case-sensitively, as IAM does.
 *
 * @example
 * allowsInvoke([{ effect: 'Allow', actions: ['execute-api:Invoke'],
 *   resources: ['arn:aws:execute-api:us-east-1:000000000000:api/$default/*'] }],
 *   'arn:aws:execute-api:us-east-1:000000000000:api/$default/POST/telemetry'); // true
 */
export function allowsInvoke(statements: readonly PolicyStatement[], routeArn: string): boolean {
  const applies = (statement: PolicyStatement) =>
    statement.actions.some((action) => wildcard(action, 'i').test('execute-api:Invoke')) &&
    statement.resources.some((resource) => wildcard(resource, '').test(routeArn));
  const matching = statements.filter(applies);
  return (
    matching.some((statement) => statement.effect === 'Allow') &&
    !matching.some((statement) => statement.effect === 'Deny')
  );
}

function wildcard(pattern: string, flags: string): RegExp {
  const source = pattern
    .split('')
    .map((char) => {
      if (char === '*') return '.*';
      if (char === '?') return '.';
      return char.replace(/[.+^${}()|[\]\\]/g, '\\$&');
    })
    .join('');
  return new RegExp(`^${source}$`, flags);
}
