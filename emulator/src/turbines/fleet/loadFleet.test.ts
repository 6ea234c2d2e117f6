import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Project } from '../types.js';
import { generateFleet } from './generateFleet.js';
import { FleetFileError } from './fleetFileError.js';
import { loadFleet, parseFleetCsv, parseFleetJson } from './loadFleet.js';

const HEADER =
  'id,name,municipality,province,latitude,longitude,turbines,nominalPowerKw,brand,model,hubHeightM';
const GOOD = 'NL-0001,Windpark Urk 1,Urk,Flevoland,52.66,5.60,3,3000,Enercon,E-115,122';
const quote = (v: unknown): string =>
  typeof v === 'string' && /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : String(v ?? '');
const toCsv = (projects: Project[]): string =>
  [
    HEADER,
    ...projects.map((p) =>
      HEADER.split(',')
        .map((f) => quote(p[f as keyof Project]))
        .join(','),
    ),
  ].join('\n');

/** The FleetFileError a parse throws. */
function failure(parse: () => unknown): FleetFileError {
  try {
    parse();
  } catch (err) {
    if (err instanceof FleetFileError) return err;
    throw err;
  }
  throw new Error('expected a FleetFileError');
}

describe('loadFleet', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'windtunnel-fleet-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('reads back a generated fleet written as CSV, field for field', async () => {
    const fleet = generateFleet({ seed: 3, projects: 50 });
    const file = join(dir, 'fleet.csv');
    await writeFile(file, toCsv(fleet.projects));
    expect((await loadFleet(file)).projects).toEqual(fleet.projects);
  });

  it('reads JSON as an array of projects or as {seed, projects}', async () => {
    const fleet = generateFleet({ seed: 5, projects: 5 });
    const wrapped = join(dir, 'fleet.json');
    const bare = join(dir, 'projects.txt'); // no extension: recognised by its first character
    await writeFile(wrapped, JSON.stringify(fleet));
    await writeFile(bare, JSON.stringify(fleet.projects));
    expect(await loadFleet(wrapped)).toEqual(fleet);
    expect(await loadFleet(bare)).toEqual({ seed: 0, projects: fleet.projects });
  });

  it('takes columns in any order, any case, and without the optional province', () => {
    const fleet = parseFleetCsv(
      'hubheightm,ID,name,municipality,latitude,longitude,turbines,nominalPowerKw,brand,model\n90,A,B,C,52,5,1,600,V,M\n',
    );
    expect(fleet.projects[0]).toEqual({
      id: 'A',
      name: 'B',
      municipality: 'C',
      latitude: 52,
      longitude: 5,
      turbines: 1,
      nominalPowerKw: 600,
      brand: 'V',
      model: 'M',
      hubHeightM: 90,
    });
  });

  it('names the row, line and field of every bad value in a CSV', () => {
    const text = [
      HEADER,
      GOOD,
      'NL-0002,Windpark X,X,,52.5,5.5,two,3000,Vestas,V90,80',
      'NL-0003,,X,,95,5.5,1,3000,Vestas,V90,80',
    ].join('\n');
    const err = failure(() => parseFleetCsv(text, 'my.csv'));
    expect(err.issues).toEqual([
      { row: 2, line: 3, field: 'turbines', reason: 'must be a whole number, got "two"' },
      { row: 3, line: 4, field: 'name', reason: 'is required' },
      { row: 3, line: 4, field: 'latitude', reason: 'must be from -90 to 90, got "95"' },
    ]);
    expect(err.message).toContain(
      "my.csv: 3 problems\n  row 2 (line 3), field 'turbines' must be a whole number",
    );
  });

  it('refuses a decimal comma, a duplicate id, zero turbines and a short row', () => {
    const rows = [HEADER, GOOD, GOOD, 'NL-0004,W,X,,52,"5,5",0,3000,V,M,80', 'NL-0005,W,X'];
    const { issues } = failure(() => parseFleetCsv(rows.join('\n')));
    expect(issues).toContainEqual({
      row: 2,
      line: 3,
      field: 'id',
      reason: "'NL-0001' is also the id of row 1",
    });
    expect(issues).toContainEqual({
      row: 3,
      line: 4,
      field: 'longitude',
      reason: `must use a '.' as decimal point, got "5,5"`,
    });
    expect(issues).toContainEqual({
      row: 3,
      line: 4,
      field: 'turbines',
      reason: 'must be from 1 to 10000, got "0"',
    });
    expect(issues).toContainEqual({
      row: 4,
      line: 5,
      field: '(row)',
      reason: 'has 3 fields, the header 11',
    });
  });

  it('names unknown and missing columns in the header', () => {
    const { issues } = failure(() => parseFleetCsv('id,name,colour\nA,B,red\n'));
    expect(issues).toContainEqual({
      line: 1,
      field: 'colour',
      reason: expect.stringMatching(/^unknown column/),
    });
    expect(issues).toContainEqual({
      line: 1,
      field: 'turbines',
      reason: 'column is missing from the header',
    });
    expect(issues.some((i) => i.field === 'province')).toBe(false);
  });

  it('names the project and field of bad JSON values, and wants real numbers', () => {
    const good = generateFleet({ seed: 1, projects: 2 }).projects;
    const bad = [good[0], { ...good[1], turbines: '3', hubHeightM: -1, colour: 'red' }, 'x'];
    const { issues } = failure(() => parseFleetJson(JSON.stringify(bad)));
    expect(issues).toEqual([
      { row: 2, field: 'colour', reason: 'unknown field' },
      { row: 2, field: 'turbines', reason: 'must be a number, got "3"' },
      { row: 2, field: 'hubHeightM', reason: 'must be from 1 to 300, got -1' },
      { row: 3, field: '(project)', reason: 'must be an object' },
      ...[
        'id',
        'name',
        'municipality',
        'latitude',
        'longitude',
        'turbines',
        'nominalPowerKw',
        'brand',
        'model',
        'hubHeightM',
      ].map((field) => ({ row: 3, field, reason: 'is required' })),
    ]);
  });

  it('explains files that are not fleets at all', async () => {
    expect(failure(() => parseFleetJson('{"projects": 3}')).message).toMatch(
      /field 'projects' must be an array/,
    );
    expect(failure(() => parseFleetJson('[1,')).message).toMatch(/is not valid JSON/);
    expect(failure(() => parseFleetJson('{"seed":"x","projects":[]}')).message).toMatch(
      /field 'seed' must be a number/,
    );
    expect(failure(() => parseFleetCsv(`${HEADER}\n`)).message).toMatch(/has no projects/);
    expect(failure(() => parseFleetCsv('a\n"x')).message).toMatch(
      /line 2, field '\(csv\)' a quoted field is not closed/,
    );
    await expect(loadFleet(join(dir, 'missing.csv'))).rejects.toThrow(
      /missing\.csv: .*cannot be read: ENOENT/s,
    );
  });
});
