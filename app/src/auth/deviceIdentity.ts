import type { Request } from 'express';

/**
 * Who is writing, as API Gateway's JWT authorizer told the function. The gateway verified the
 * token; the app only reads the claims from `requestContext.authorizer.jwt.claims` of the payload
 * 2.0 event, where every claim value is a string (serverless-http puts the event's requestContext
 * on `req.requestContext`).
 *
 * Which turbines a caller may write:
 * - claim `turbines`: space-separated turbine ids, or `*` for every turbine (a gateway or the fleet
 *   simulator writing for many turbines);
 * - otherwise the token's `sub` names the one turbine the device is.
 */
export interface DeviceIdentity {
  subject: string;
  /** `'*'` for any turbine. */
  turbines: ReadonlySet<string> | '*';
}

interface RequestWithContext extends Request {
  requestContext?: { authorizer?: { jwt?: { claims?: Record<string, unknown> } } };
}

export function deviceIdentityOf(req: Request): DeviceIdentity | undefined {
  const claims = (req as RequestWithContext).requestContext?.authorizer?.jwt?.claims;
  if (!claims) return undefined;
  const subject = typeof claims.sub === 'string' ? claims.sub : '';
  const listed = typeof claims.turbines === 'string' ? claims.turbines.trim() : undefined;
  if (listed === '*') return { subject, turbines: '*' };
  if (listed) return { subject, turbines: new Set(listed.split(/\s+/)) };
  return { subject, turbines: new Set(subject ? [subject] : []) };
}
