/**
 * A small seeded pseudo-random generator, so that a fleet (and the synthetic weather's
 * parameters) are the same on every machine, in every process and after every restart.
 * `Math.random()` cannot be seeded, and the quality needed here (shuffles, weighted picks) is far
 * below what a cryptographic generator gives, so a 32-bit "small fast counter" design is enough:
 * four 32-bit words of state, a counter that guarantees a long period, adds, xors and rotations.
 *
 * @example
 * const rng = createRng(42);
 * rng.int(1, 6); // the same die roll for seed 42, always
 */
export interface Rng {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max], both included. */
  int(min: number, max: number): number;
  /** A float in [min, max). */
  range(min: number, max: number): number;
  /** One element, each with probability weight / sum(weights). */
  weighted<T>(items: readonly T[], weight: (item: T) => number): T;
  /** One element, uniformly. */
  pick<T>(items: readonly T[]): T;
  /** A new array with the same elements in random order (Fisher-Yates). */
  shuffle<T>(items: readonly T[]): T[];
}

/** Seeds are taken as unsigned 32-bit integers; fractional or negative seeds are folded in. */
export function createRng(seed: number): Rng {
  const state = seedState(seed);
  const next = (): number => step(state) / 4_294_967_296;
  const rng: Rng = {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    range: (min, max) => min + next() * (max - min),
    weighted(items, weight) {
      const total = items.reduce((sum, item) => sum + weight(item), 0);
      if (!(total > 0)) throw new Error('weighted pick needs at least one positive weight');
      let target = next() * total;
      for (const item of items) {
        target -= weight(item);
        if (target < 0) return item;
      }
      return items[items.length - 1] as (typeof items)[number];
    },
    pick(items) {
      if (items.length === 0) throw new Error('cannot pick from an empty list');
      return items[Math.floor(next() * items.length)] as (typeof items)[number];
    },
    shuffle(items) {
      const out = [...items];
      for (let i = out.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [out[i], out[j]] = [out[j] as (typeof out)[number], out[i] as (typeof out)[number]];
      }
      return out;
    },
  };
  return rng;
}

type State = [number, number, number, number];

/**
 * Spreads the seed over the four words with a splitmix-style mixer, then discards a few outputs:
 * seeds 1 and 2 would otherwise start from nearly equal states and give similar first numbers.
 */
function seedState(seed: number): State {
  let x = foldSeed(seed);
  const mix = (): number => {
    x = (x + 0x9e3779b9) >>> 0;
    let z = x;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
  const state: State = [mix(), mix(), mix(), 1];
  for (let i = 0; i < 12; i++) step(state);
  return state;
}

function foldSeed(seed: number): number {
  if (!Number.isFinite(seed)) throw new Error(`seed must be a finite number, got ${seed}`);
  if (Number.isInteger(seed) && Math.abs(seed) <= 0xffffffff) return seed >>> 0;
  // Doubles that are not 32-bit integers: fold both halves of their bit pattern.
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, seed);
  return (view.getUint32(0) ^ Math.imul(view.getUint32(4), 0x27d4eb2d)) >>> 0;
}

/** One step of the sfc32 recurrence; returns an unsigned 32-bit output. */
function step(s: State): number {
  const [a, b, c, d] = s;
  const t = (((a + b) | 0) + d) | 0;
  s[3] = (d + 1) | 0;
  s[0] = b ^ (b >>> 9);
  s[1] = (c + (c << 3)) | 0;
  const rotated = (c << 21) | (c >>> 11);
  s[2] = (rotated + t) | 0;
  return t >>> 0;
}
