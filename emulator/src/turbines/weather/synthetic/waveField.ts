import type { Rng } from '../../fleet/random.js';

/**
 * A smooth random field over space and time: a sum of plane waves with random wavelengths,
 * orientations, periods and phases, all carried along by a drifting wind (weather systems over the
 * Netherlands move mostly from the west-south-west). With a dozen waves of random phase the value
 * at any point is close to standard normal, yet it changes only as fast as its shortest wave moves:
 * no jumps from one second to the next, and nearby places see nearly the same value.
 *
 * Everything is fixed by the random generator it is built with, so the field is a pure function
 * of (seed, x, y, t): every process and every restart sees the same weather.
 */
export interface WaveBand {
  /** How many waves. */
  waves: number;
  /** Share of the field's variance in this band; the bands of a field add up to 1. */
  variance: number;
  /** Wavelength range, km. */
  wavelengthKm: [number, number];
  /** Range of each wave's own period (on top of the drift), hours. */
  periodH: [number, number];
}

interface Wave {
  kx: number;
  ky: number;
  omega: number;
  phase: number;
  amplitude: number;
}

export type Field = (xKm: number, yKm: number, tHours: number) => number;

/**
 * @param drift km/h the pattern moves with (x east, y north).
 *
 * @example
 * const g = createWaveField(createRng(7), [{ waves: 8, variance: 1, wavelengthKm: [400, 1500], periodH: [24, 96] }], { x: 35, y: 10 });
 * g(0, 0, 0); // about N(0, 1)
 */
export function createWaveField(
  rng: Rng,
  bands: readonly WaveBand[],
  drift: { x: number; y: number },
): Field {
  const waves: Wave[] = bands.flatMap((band) =>
    Array.from({ length: band.waves }, (): Wave => {
      const wavelength = logRange(rng, band.wavelengthKm);
      const heading = rng.range(0, 2 * Math.PI);
      const k = (2 * Math.PI) / wavelength;
      const kx = k * Math.cos(heading);
      const ky = k * Math.sin(heading);
      return {
        kx,
        ky,
        // Moving with the drift: a fixed pattern at x - drift*t, plus its own evolution.
        omega:
          -(kx * drift.x + ky * drift.y) +
          (rng.next() < 0.5 ? -1 : 1) * ((2 * Math.PI) / logRange(rng, band.periodH)),
        phase: rng.range(0, 2 * Math.PI),
        // A sine of amplitude a has variance a^2/2.
        amplitude: Math.sqrt((2 * band.variance) / band.waves),
      };
    }),
  );
  return (x, y, t) => {
    let sum = 0;
    for (const w of waves)
      sum += w.amplitude * Math.sin(w.kx * x + w.ky * y + w.omega * t + w.phase);
    return sum;
  };
}

/** Log-uniform: short and long scales are equally likely per factor of two. */
function logRange(rng: Rng, [min, max]: [number, number]): number {
  return Math.exp(rng.range(Math.log(min), Math.log(max)));
}
