import { HttpError } from '../errors.js';
import type { TelemetryRecord } from '../telemetry/record.js';
import type { DeviceIdentity } from './deviceIdentity.js';

export interface DeviceAuthSettings {
  /** `jwt`: every write needs a caller identity; `off`: anyone may write anything (local trials). */
  mode: 'jwt' | 'off';
  /** The dimension that names the turbine a record belongs to. */
  dimension: string;
}

/**
 * With auth on, a write without a caller identity is refused before its body is read. In AWS the
 * gateway's JWT authorizer answers 401 first; this guards a route deployed without one.
 */
export function requireCaller(
  settings: DeviceAuthSettings,
  identity: DeviceIdentity | undefined,
): asserts identity is DeviceIdentity {
  if (settings.mode === 'off' || identity) return;
  throw new HttpError(
    401,
    'Unauthenticated',
    'writing telemetry needs a device token: send "Authorization: Bearer <JWT>" (mint one for local use with `npx windtunnel token`)',
  );
}

/**
 * Telemetry may only be written by the device it belongs to. A request with any record the caller
 * may not write is refused whole (403), so a device cannot slip another turbine's readings in
 * among its own; nothing of it is stored.
 */
export function authorizeRecords(
  settings: DeviceAuthSettings,
  identity: DeviceIdentity | undefined,
  records: readonly { index: number; record: TelemetryRecord }[],
): void {
  if (settings.mode === 'off') return;
  requireCaller(settings, identity);
  if (identity.turbines === '*') return;
  const allowed = identity.turbines;
  const forbidden = records
    .map(({ index, record }) => ({
      index,
      turbine: record.dimensions.find((d) => d.name === settings.dimension)?.value,
    }))
    .filter(({ turbine }) => turbine === undefined || !allowed.has(turbine));
  if (forbidden.length === 0) return;
  const first = forbidden[0]!;
  const what =
    first.turbine === undefined
      ? `record ${first.index} has no '${settings.dimension}' dimension`
      : `record ${first.index} is for turbine '${first.turbine}'`;
  throw new HttpError(
    403,
    'Forbidden',
    `caller '${identity.subject}' may not write this telemetry: ${what}; nothing was stored`,
    { forbidden },
  );
}
