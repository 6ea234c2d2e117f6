/**
 * Speed-power curves: the electrical power of ONE turbine, in the unit of `nominalKw`, for a wind
 * speed at the rotor (m/s). Pure functions of their arguments.
 */

/**
 * The original experiment's curve: nothing below 4 m/s, a straight line from 0 at 4 m/s to nominal
 * at 11 m/s, nominal up to 25 m/s, and 0 above (the storm cut-out).
 *
 * @example
 * originalCurve(7.5, 3000); // 1500
 */
export function originalCurve(speed: number, nominalKw: number): number {
  if (!(speed > 4) || speed > 25) return 0;
  if (speed >= 11) return nominalKw;
  return (nominalKw * (speed - 4)) / 7;
}

export interface CubicCurveOptions {
  /** m/s where the turbine starts producing; 3-4 m/s for modern turbines. */
  cutIn?: number;
  /** m/s where it reaches nominal power; 11-13 m/s for the Dutch onshore fleet. */
  rated?: number;
  /** m/s above which it stops to protect itself; 25 m/s for nearly all onshore turbines. */
  cutOut?: number;
}

/**
 * Defaults for the fleet as it is now, mostly turbines of low specific power (200-350 W/m2 of
 * rotor): a V112-3.45 (9,852 m2) reaches 3.45 MW at about 10.8 m/s with a power coefficient of
 * 0.46, so a pure cubic reaches nominal near 11 m/s; cut-in is 3 m/s on their datasheets.
 */
export const CUBIC_DEFAULTS = { cutIn: 3, rated: 11, cutOut: 25 } as const;

/**
 * A better curve: between cut-in and rated, power follows the cube of the wind speed (the power in
 * the wind is 1/2 rho A v^3 and a turbine there converts a near-constant share of it):
 * P = Pn (v^3 - vin^3) / (vr^3 - vin^3). Nominal from rated to cut-out, 0 outside. Real curves
 * lie between this and the straight line: a turbine's efficiency peaks at 7-9 m/s, which this
 * ignores, so at middling speeds this curve is a little pessimistic.
 *
 * @example
 * cubicCurve(8, 3000); // about 1,116 kW
 */
export function cubicCurve(
  speed: number,
  nominalKw: number,
  options: CubicCurveOptions = {},
): number {
  const { cutIn, rated, cutOut } = { ...CUBIC_DEFAULTS, ...options };
  if (!(speed > cutIn) || speed > cutOut) return 0;
  if (speed >= rated) return nominalKw;
  return (nominalKw * (speed ** 3 - cutIn ** 3)) / (rated ** 3 - cutIn ** 3);
}

export type CurveName = 'original' | 'cubic';

export const CURVES: Record<CurveName, (speed: number, nominalKw: number) => number> = {
  original: originalCurve,
  cubic: (speed, nominalKw) => cubicCurve(speed, nominalKw),
};
