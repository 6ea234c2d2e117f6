/**
 * Wind speed from the 10 m of a weather report to a turbine's hub height. The original experiment
 * named this correction but fed 10 m wind straight into the power curve; with hubs at 40-135 m it
 * underestimated the wind by a quarter to a half, and power (which grows with its cube) far more.
 *
 * Both laws describe the mean profile over flat land in a neutral atmosphere; real profiles over
 * the Netherlands are steeper at night (a stable layer) and flatter on sunny afternoons (KNMI's
 * Cabauw mast shows both), so these are a first-order correction, not a boundary-layer model.
 */

/** Reference height of weather observations and of the speeds in this model, m. */
export const REFERENCE_HEIGHT_M = 10;

/**
 * Hellmann exponent. 1/7 (about 0.14) is the classic value for open, flat terrain in a neutral
 * atmosphere (Peterson & Hennessey 1978; the default of most wind-resource textbooks). Dutch
 * farmland with hedges and farmsteads is rougher than open sea (0.10-0.11) and smoother than
 * woodland (0.25+), so the classic value fits the bulk of the onshore fleet.
 */
export const DEFAULT_ALPHA = 0.14;

/**
 * Roughness length. 0.03 m is class 1 of the European Wind Atlas (Troen & Petersen 1989): open
 * agricultural land without fences or hedgerows, very scattered buildings: the polders and
 * reclaimed land where most Dutch wind turbines stand.
 */
export const DEFAULT_Z0_M = 0.03;

/**
 * Power law: v_h = v10 (h / 10)^alpha.
 *
 * @example
 * powerLaw(5, 100); // about 6.9 m/s
 */
export function powerLaw(speed10m: number, hubHeightM: number, alpha = DEFAULT_ALPHA): number {
  return speed10m * (hubHeightM / REFERENCE_HEIGHT_M) ** alpha;
}

/**
 * Logarithmic law: v_h = v10 ln(h / z0) / ln(10 / z0).
 *
 * @example
 * logLaw(5, 100); // about 7.0 m/s
 */
export function logLaw(speed10m: number, hubHeightM: number, z0M = DEFAULT_Z0_M): number {
  return (speed10m * Math.log(hubHeightM / z0M)) / Math.log(REFERENCE_HEIGHT_M / z0M);
}

export type HubHeightLaw = 'none' | 'power-law' | 'log-law';

/** The wind speed at the hub for a 10 m wind speed, by the chosen law ('none' keeps 10 m wind). */
export function windAtHub(speed10m: number, hubHeightM: number, law: HubHeightLaw): number {
  switch (law) {
    case 'none':
      return speed10m;
    case 'power-law':
      return powerLaw(speed10m, hubHeightM);
    case 'log-law':
      return logLaw(speed10m, hubHeightM);
  }
}
