/**
 * Turbine models found on Dutch land, with rated power, rotor diameter and the hub heights they
 * were sold with (only those from 40 to 135 m, the range of the Dutch onshore fleet).
 *
 * Sources (facts, not code): the manufacturers' datasheets as collected in the Open Energy
 * Platform wind turbine library (`turbine_data.csv` as shipped with windpowerlib, which cites
 * enercon.de product brochures, wind-turbine-models.com and thewindpower.net), completed from the
 * manufacturers' own product pages for models that library lacks (Vestas V47/V52/V150/V162,
 * Enercon E-40/E-44/E-138/E-160, Lagerwey LW52/L100/L136, NEG Micon NM52, Nordex N60/N149/N163,
 * Siemens Gamesa SG 4.5-145/6.6-170, GE 1.5sle/5.5-158). The Lagerwey L136 at 132 m is the
 * Growind turbine in the Eemshaven (2017); the Enercon E-126 7.58 MW at 135 m stands in Windpark
 * Noordoostpolder.
 *
 * `era` groups models by when they were installed, which sets how large their projects tend to be
 * (see fleetShape.ts); `share` is a rough relative weight within the era, leaning towards Enercon
 * and Vestas, which together built most Dutch onshore turbines.
 */
export type Era = 'legacy' | 'mid' | 'modern';

export interface TurbineModel {
  brand: string;
  model: string;
  ratedKw: number;
  rotorM: number;
  hubHeightsM: readonly number[];
  era: Era;
  share: number;
}

type Row = [
  brand: string,
  model: string,
  ratedKw: number,
  rotorM: number,
  hubs: number[],
  share: number,
];

const BY_ERA: Record<Era, Row[]> = {
  /** About 1995-2005: single turbines and short lines on farmland and dikes. */
  legacy: [
    ['Vestas', 'V47-660 kW', 660, 47, [40, 45, 50, 55], 3],
    ['Vestas', 'V52-850 kW', 850, 52, [44, 49, 55, 65], 1.5],
    ['Enercon', 'E-40/6.44', 600, 44, [46, 50, 58, 65], 2],
    ['Enercon', 'E-44', 900, 44, [45, 55, 65], 1],
    ['Enercon', 'E-48', 800, 48, [50, 55, 60, 65, 76], 1.5],
    ['Enercon', 'E-53', 800, 53, [50, 60, 73], 1],
    ['Lagerwey', 'LW 52', 750, 52, [46, 50], 2],
    ['NEG Micon', 'NM52/900', 900, 52, [49, 60], 1.5],
    ['Nordex', 'N60/1300', 1300, 60, [46, 60, 69], 1],
    ['Siemens Gamesa', 'SWT-1.3-62', 1300, 62, [68], 0.7],
  ],
  /** About 2005-2015: the 2 MW class, parks of a few to a few dozen turbines. */
  mid: [
    ['Vestas', 'V80-2.0 MW', 2000, 80, [60, 67, 78, 80, 100], 3],
    ['Vestas', 'V90-2.0 MW', 2000, 90, [80, 95, 105], 3],
    ['Vestas', 'V90-3.0 MW', 3000, 90, [80, 90, 105], 4],
    ['Vestas', 'V100-2.0 MW', 2000, 100, [80, 95], 1],
    ['Enercon', 'E-70 E4', 2300, 71, [57, 64, 75, 85, 98, 114], 5],
    ['Enercon', 'E-82 E2', 2000, 82, [78, 85, 98, 108], 4],
    ['Enercon', 'E-82 E3', 3000, 82, [69, 78, 84], 2],
    ['Enercon', 'E-101', 3050, 101, [99, 124, 135], 1.5],
    ['Siemens Gamesa', 'SWT-2.3-93', 2300, 93, [80], 1.5],
    ['Siemens Gamesa', 'SWT-3.0-101', 3000, 101, [80, 115], 1.5],
    ['Nordex', 'N90/2500', 2500, 90, [65, 70, 80], 1.5],
    ['Nordex', 'N100/2500', 2500, 100, [75, 85, 100], 1.5],
    ['GE', '1.5sle', 1500, 77, [65, 80, 85], 1],
    ['GE', '2.5-100', 2500, 100, [75, 85], 1],
    ['GE', '2.75-103', 2750, 103, [75, 85, 98.3], 1],
    ['Lagerwey', 'L100 2.5 MW', 2500, 100, [100, 135], 1.5],
  ],
  /** About 2015-2024: 3-6 MW turbines, including the large parks of the 6,000 MW programme. */
  modern: [
    ['Vestas', 'V112-3.45 MW', 3450, 112, [84, 94, 119], 3],
    ['Vestas', 'V117-4.2 MW', 4200, 117, [84, 91.5], 2],
    ['Vestas', 'V126-3.45 MW', 3450, 126, [117], 1.5],
    ['Vestas', 'V136-4.2 MW', 4200, 136, [82, 112, 132], 2.5],
    ['Vestas', 'V150-4.2 MW', 4200, 150, [105, 125], 2.5],
    ['Vestas', 'V162-6.2 MW', 6200, 162, [119, 125], 1],
    ['Enercon', 'E-115', 3000, 116, [92, 122, 135], 3],
    ['Enercon', 'E-126 EP4', 4200, 127, [99, 135], 2],
    ['Enercon', 'E-138 EP3', 4200, 138, [81, 111, 131], 2],
    ['Enercon', 'E-126 7.580', 7580, 127, [135], 0.6],
    ['Enercon', 'E-160 EP5', 5500, 160, [99, 120], 1],
    ['Siemens Gamesa', 'SWT-3.0-113', 3000, 113, [79.5, 92.5, 99.5, 122], 1.5],
    ['Siemens Gamesa', 'SWT-3.6-130', 3600, 130, [85, 115, 135], 1.5],
    ['Siemens Gamesa', 'SG 4.5-145', 4500, 145, [90, 107.5, 127.5], 1.5],
    ['Siemens Gamesa', 'SG 6.6-170', 6600, 170, [115, 135], 0.8],
    ['Nordex', 'N117/3600', 3600, 117, [91, 120], 1.5],
    ['Nordex', 'N131/3600', 3600, 131, [84, 106, 112, 134], 1.5],
    ['Nordex', 'N149/4.5', 4500, 149, [105, 125], 1.5],
    ['Nordex', 'N163/5.X', 5700, 163, [118], 0.7],
    ['GE', '3.2-130', 3200, 130, [85, 110, 134], 1],
    ['GE', '3.6-137', 3600, 137, [85, 110, 131.4], 0.8],
    ['GE', '5.5-158', 5500, 158, [101, 120.9], 0.5],
    ['Lagerwey', 'L100 3.0 MW', 3000, 100, [100, 135], 1],
    ['Lagerwey', 'L136 4.5 MW', 4500, 136, [120, 132], 0.8],
  ],
};

export const TURBINE_MODELS: readonly TurbineModel[] = (
  Object.entries(BY_ERA) as [Era, Row[]][]
).flatMap(([era, rows]) =>
  rows.map(([brand, model, ratedKw, rotorM, hubHeightsM, share]) => ({
    brand,
    model,
    ratedKw,
    rotorM,
    hubHeightsM,
    era,
    share,
  })),
);

export function modelsOfEra(era: Era): TurbineModel[] {
  return TURBINE_MODELS.filter((m) => m.era === era);
}
