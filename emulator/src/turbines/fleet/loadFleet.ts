import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import type { Fleet, Project } from '../types.js';
import { CsvSyntaxError, parseCsv } from './csv.js';
import { FleetFileError, type FleetIssue } from './fleetFileError.js';
import { FIELD_NAMES, toProject } from './projectFields.js';

/**
 * Reads a user's own fleet instead of a generated one: CSV with a header row naming the Project
 * fields (any order; `province` may be left out), or JSON, either an array of projects or
 * `{ "seed": 1, "projects": [...] }`. The format follows the extension, else the first character.
 * A fleet without a seed gets seed 0 (the seed then only feeds the synthetic weather).
 *
 * @example
 * const fleet = await loadFleet('my-fleet.csv');
 */
export async function loadFleet(file: string): Promise<Fleet> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new FleetFileError(file, [
      { field: '(file)', reason: `cannot be read: ${(err as Error).message}` },
    ]);
  }
  const ext = extname(file).toLowerCase();
  const json = ext === '.json' || (ext !== '.csv' && /^\s*[[{]/.test(text));
  return json ? parseFleetJson(text, file) : parseFleetCsv(text, file);
}

export function parseFleetCsv(text: string, source = 'fleet.csv'): Fleet {
  let records;
  try {
    records = parseCsv(text);
  } catch (err) {
    if (err instanceof CsvSyntaxError) {
      throw new FleetFileError(source, [{ line: err.line, field: '(csv)', reason: err.reason }]);
    }
    throw err;
  }
  const [header, ...rows] = records;
  if (!header) throw new FleetFileError(source, [{ field: '(file)', reason: 'is empty' }]);
  const columns = header.fields.map((f) => f.trim());
  const known = new Map(FIELD_NAMES.map((f) => [f.toLowerCase(), f]));
  const issues: FleetIssue[] = [];
  columns.forEach((c) => {
    if (!known.has(c.toLowerCase())) {
      issues.push({
        line: header.line,
        field: c,
        reason: `unknown column (expected ${FIELD_NAMES.join(', ')})`,
      });
    }
  });
  for (const f of FIELD_NAMES) {
    if (f !== 'province' && !columns.some((c) => c.toLowerCase() === f.toLowerCase())) {
      issues.push({ line: header.line, field: f, reason: 'column is missing from the header' });
    }
  }
  if (issues.length > 0) throw new FleetFileError(source, issues);
  const raw = rows.map((r, i) => {
    if (r.fields.length !== columns.length) {
      issues.push({
        row: i + 1,
        line: r.line,
        field: '(row)',
        reason: `has ${r.fields.length} fields, the header ${columns.length}`,
      });
    }
    const entries = columns.map((c, j) => [known.get(c.toLowerCase()) as string, r.fields[j]]);
    return {
      row: i + 1,
      line: r.line,
      value: Object.fromEntries(entries) as Record<string, unknown>,
    };
  });
  return finish(source, raw, true, 0, issues);
}

export function parseFleetJson(text: string, source = 'fleet.json'): Fleet {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new FleetFileError(source, [
      { field: '(json)', reason: `is not valid JSON: ${(err as Error).message}` },
    ]);
  }
  const wrapped = typeof doc === 'object' && doc !== null && !Array.isArray(doc);
  const list = wrapped ? (doc as { projects?: unknown }).projects : doc;
  const seed = wrapped ? (doc as { seed?: unknown }).seed : undefined;
  if (!Array.isArray(list)) {
    throw new FleetFileError(source, [
      { field: 'projects', reason: 'must be an array of projects (or the file an array)' },
    ]);
  }
  if (seed !== undefined && !(typeof seed === 'number' && Number.isFinite(seed))) {
    throw new FleetFileError(source, [{ field: 'seed', reason: 'must be a number' }]);
  }
  const issues: FleetIssue[] = [];
  const raw = list.map((value: unknown, i) => {
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      const extra = Object.keys(value).find((k) => !(FIELD_NAMES as string[]).includes(k));
      if (extra) issues.push({ row: i + 1, field: extra, reason: 'unknown field' });
      return { row: i + 1, value: value as Record<string, unknown> };
    }
    issues.push({ row: i + 1, field: '(project)', reason: 'must be an object' });
    return { row: i + 1, value: {} };
  });
  return finish(source, raw, false, typeof seed === 'number' ? seed : 0, issues);
}

function finish(
  source: string,
  raw: { row: number; line?: number; value: Record<string, unknown> }[],
  fromText: boolean,
  seed: number,
  issues: FleetIssue[],
): Fleet {
  if (raw.length === 0) issues.push({ field: '(file)', reason: 'has no projects' });
  const projects: Project[] = [];
  const seen = new Map<string, number>();
  for (const { row, line, value } of raw) {
    const result = toProject(value, fromText);
    if (!result.ok) {
      issues.push(...result.issues.map((issue) => ({ row, line, ...issue })));
      continue;
    }
    const first = seen.get(result.project.id);
    if (first !== undefined) {
      issues.push({
        row,
        line,
        field: 'id',
        reason: `'${result.project.id}' is also the id of row ${first}`,
      });
    }
    seen.set(result.project.id, row);
    projects.push(result.project);
  }
  if (issues.length > 0) throw new FleetFileError(source, issues.sort(byPosition));
  return { seed, projects };
}

function byPosition(a: FleetIssue, b: FleetIssue): number {
  return (a.row ?? 0) - (b.row ?? 0);
}
