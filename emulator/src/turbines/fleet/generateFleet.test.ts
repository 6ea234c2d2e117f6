import { describe, expect, it } from 'vitest';
import { MUNICIPALITIES, NETHERLANDS_BOUNDS } from '../data/municipalities.js';
import { TURBINE_MODELS } from '../data/turbineModels.js';
import type { Project } from '../types.js';
import { generateFleet } from './generateFleet.js';

const capacityMw = (projects: Project[]): number =>
  projects.reduce((sum, p) => sum + p.turbines * p.nominalPowerKw, 0) / 1000;
const median = (xs: number[]): number =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const inNetherlands = (lat: number, lon: number): boolean =>
  lat >= NETHERLANDS_BOUNDS.minLatitude &&
  lat <= NETHERLANDS_BOUNDS.maxLatitude &&
  lon >= NETHERLANDS_BOUNDS.minLongitude &&
  lon <= NETHERLANDS_BOUNDS.maxLongitude;

describe('generateFleet', () => {
  const fleet = generateFleet({ seed: 1 });

  it('gives the identical fleet for the same seed', () => {
    expect(JSON.stringify(generateFleet({ seed: 1 }))).toBe(JSON.stringify(fleet));
  });

  it('gives a different fleet for a different seed', () => {
    expect(JSON.stringify(generateFleet({ seed: 2 }).projects)).not.toBe(
      JSON.stringify(fleet.projects),
    );
  });

  it('has 770 projects by default, numbered NL-0001 onwards and named after their place', () => {
    expect(fleet.seed).toBe(1);
    expect(fleet.projects).toHaveLength(770);
    expect(fleet.projects[0]?.id).toBe('NL-0001');
    expect(fleet.projects[769]?.id).toBe('NL-0770');
    expect(new Set(fleet.projects.map((p) => p.id)).size).toBe(770);
    expect(new Set(fleet.projects.map((p) => p.name)).size).toBe(770);
    for (const p of fleet.projects)
      expect(p.name).toMatch(new RegExp(`^Windpark ${p.municipality} \\d+$`));
  });

  it('installs about the Dutch onshore capacity (6.8-6.9 GW in 2023-24) for every seed', () => {
    const totals = Array.from({ length: 10 }, (_, i) =>
      capacityMw(generateFleet({ seed: i + 1 }).projects),
    );
    for (const mw of totals) {
      expect(mw).toBeGreaterThan(6_300);
      expect(mw).toBeLessThan(7_600);
    }
    const mean = totals.reduce((a, b) => a + b) / totals.length;
    expect(mean).toBeGreaterThan(6_600);
    expect(mean).toBeLessThan(7_300);
  });

  it('has mostly small projects and a tail of very large parks', () => {
    const turbines = fleet.projects.map((p) => p.turbines);
    expect(median(turbines)).toBeLessThanOrEqual(2);
    expect(Math.max(...turbines)).toBeGreaterThanOrEqual(41);
    expect(turbines.filter((t) => t >= 10).length).toBeGreaterThan(20);
    const total = turbines.reduce((a, b) => a + b);
    expect(total).toBeGreaterThan(2_300); // 2,509 turbines on Dutch land at the end of 2022
    expect(total).toBeLessThan(2_900);
  });

  it('uses real models with their rated power and a hub height they were sold with', () => {
    for (const p of fleet.projects) {
      const model = TURBINE_MODELS.find((m) => m.brand === p.brand && m.model === p.model);
      expect(model, `${p.brand} ${p.model}`).toBeDefined();
      expect(p.nominalPowerKw).toBe(model?.ratedKw);
      expect(model?.hubHeightsM).toContain(p.hubHeightM);
      expect(p.hubHeightM).toBeGreaterThanOrEqual(40);
      expect(p.hubHeightM).toBeLessThanOrEqual(135);
    }
    const rated = fleet.projects.map((p) => p.nominalPowerKw);
    expect(Math.min(...rated)).toBeLessThan(1_000);
    expect(Math.max(...rated)).toBeGreaterThanOrEqual(4_000);
    expect(new Set(fleet.projects.map((p) => p.brand))).toEqual(
      new Set(['Vestas', 'Enercon', 'Siemens Gamesa', 'Nordex', 'GE', 'Lagerwey', 'NEG Micon']),
    );
  });

  it('makes larger parks of newer, taller turbines', () => {
    const big = fleet.projects.filter((p) => p.turbines >= 21);
    const single = fleet.projects.filter((p) => p.turbines === 1);
    const meanOf = (ps: Project[], f: (p: Project) => number): number =>
      ps.reduce((s, p) => s + f(p), 0) / ps.length;
    expect(meanOf(big, (p) => p.nominalPowerKw)).toBeGreaterThan(
      meanOf(single, (p) => p.nominalPowerKw),
    );
    expect(meanOf(big, (p) => p.hubHeightM)).toBeGreaterThan(meanOf(single, (p) => p.hubHeightM));
  });

  it('places every municipality and every project inside the Netherlands', () => {
    for (const m of MUNICIPALITIES)
      expect(inNetherlands(m.latitude, m.longitude), m.name).toBe(true);
    for (const p of fleet.projects) expect(inNetherlands(p.latitude, p.longitude), p.id).toBe(true);
    expect(MUNICIPALITIES.length).toBeGreaterThanOrEqual(100);
    expect(new Set(MUNICIPALITIES.map((m) => m.code)).size).toBe(MUNICIPALITIES.length);
  });

  it('puts most capacity where Dutch wind power is: Flevoland first, the coastal provinces next', () => {
    const byProvince = new Map<string, number>();
    for (const p of fleet.projects) {
      byProvince.set(
        p.province ?? '',
        (byProvince.get(p.province ?? '') ?? 0) + p.turbines * p.nominalPowerKw,
      );
    }
    const ranked = [...byProvince.entries()]
      .sort((a, b) => b[1] - a[1])
      .map(([province]) => province);
    expect(ranked[0]).toBe('Flevoland');
    expect(ranked.slice(-3)).toEqual(expect.arrayContaining(['Utrecht']));
    expect(ranked.indexOf('Limburg')).toBeGreaterThan(ranked.indexOf('Groningen'));
  });

  it('scales to other fleet sizes and refuses nonsense', () => {
    const small = generateFleet({ seed: 4, projects: 12 });
    expect(small.projects).toHaveLength(12);
    expect(generateFleet({ seed: 4, projects: 10_000 }).projects.at(-1)?.id).toBe('NL-10000');
    expect(() => generateFleet({ seed: 1, projects: 0 })).toThrow(/positive integer/);
    expect(() => generateFleet({ seed: 1, projects: 1.5 })).toThrow(/positive integer/);
  });
});
