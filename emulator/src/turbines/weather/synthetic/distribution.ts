/**
 * Turning a smooth, roughly standard-normal field into wind speeds with the right distribution.
 * Wind speeds at a site follow a Weibull distribution closely (shape k about 2 over the
 * Netherlands, KNMI/Wieringa & Rijkoort "Windklimaat van Nederland"), so a normal value g becomes
 * the speed with the same probability: v = F_weibull^-1(Phi(g)). That keeps the field's smoothness
 * in space and time and gives the right share of calms and storms.
 */

/** Weibull shape over Dutch land at 10 m (2.0 inland, a little more at the coast). */
export const WEIBULL_SHAPE = 2;

/**
 * The error function, by the rational approximation 7.1.26 of Abramowitz & Stegun (1964): the
 * error is below 1.5e-7, far below anything a wind speed needs.
 */
export function erf(x: number): number {
  const sign = x < 0 ? -1 : 1;
  const ax = Math.abs(x);
  const t = 1 / (1 + 0.3275911 * ax);
  const poly =
    t *
    (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  return sign * (1 - poly * Math.exp(-ax * ax));
}

/** Standard normal cumulative distribution. */
export function normalCdf(x: number): number {
  return 0.5 * (1 + erf(x / Math.SQRT2));
}

/**
 * The Weibull scale that gives `mean` for shape `k`: mean = scale * Gamma(1 + 1/k). Gamma(1.5) for
 * k = 2 is sqrt(pi)/2; other shapes use Stirling's series, accurate to 1e-6 for 1 + 1/k in [1, 2].
 */
export function weibullScaleForMean(mean: number, k = WEIBULL_SHAPE): number {
  return mean / gamma(1 + 1 / k);
}

/** The speed with cumulative probability `p` in a Weibull(k, scale) distribution. */
export function weibullQuantile(p: number, scale: number, k = WEIBULL_SHAPE): number {
  const q = Math.min(Math.max(p, 0), 1 - 1e-12);
  return scale * (-Math.log(1 - q)) ** (1 / k);
}

function gamma(x: number): number {
  if (x === 1.5) return Math.sqrt(Math.PI) / 2;
  // Gamma(x) = Gamma(x + 6) / (x (x+1) ... (x+5)), and Stirling is precise for x + 6 >= 7.
  let product = 1;
  let z = x;
  for (let i = 0; i < 6; i++) product *= z++;
  const series = 1 + 1 / (12 * z) + 1 / (288 * z * z) - 139 / (51840 * z ** 3);
  const stirling = Math.sqrt((2 * Math.PI) / z) * (z / Math.E) ** z * series;
  return stirling / product;
}
