import type { Project } from '../types.js';

/**
 * The fields of a Project as a user writes them in a fleet file, and how each is checked. One
 * table for CSV and JSON alike, so both formats accept and refuse the same things.
 */
export type FieldName = keyof Project;

/** One problem with one field of one project. */
export interface FieldIssue {
  field: string;
  reason: string;
}

type Kind = 'text' | 'optionalText' | 'integer' | 'number';

interface FieldSpec {
  kind: Kind;
  min?: number;
  max?: number;
}

/**
 * Limits: text becomes a Timestream dimension value (at most 2048 characters); rated power up to
 * 20 MW and hub heights up to 300 m leave room for any turbine built so far.
 */
export const PROJECT_FIELDS: Record<FieldName, FieldSpec> = {
  id: { kind: 'text' },
  name: { kind: 'text' },
  municipality: { kind: 'text' },
  province: { kind: 'optionalText' },
  latitude: { kind: 'number', min: -90, max: 90 },
  longitude: { kind: 'number', min: -180, max: 180 },
  turbines: { kind: 'integer', min: 1, max: 10_000 },
  nominalPowerKw: { kind: 'number', min: 0.001, max: 20_000 },
  brand: { kind: 'text' },
  model: { kind: 'text' },
  hubHeightM: { kind: 'number', min: 1, max: 300 },
};

export const FIELD_NAMES = Object.keys(PROJECT_FIELDS) as FieldName[];
const MAX_TEXT = 2048;

/**
 * Checks one project's raw values. `fromText` says whether numbers arrive as text (CSV) or must
 * already be JSON numbers. Returns the project, or every problem found in it.
 */
export function toProject(
  raw: Record<string, unknown>,
  fromText: boolean,
): { ok: true; project: Project } | { ok: false; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const out: Record<string, unknown> = {};
  for (const field of FIELD_NAMES) {
    const checked = checkField(PROJECT_FIELDS[field], raw[field], fromText);
    if (typeof checked === 'object' && checked !== null && 'reason' in checked) {
      issues.push({ field, reason: checked.reason });
    } else if (checked !== undefined) {
      out[field] = checked;
    }
  }
  return issues.length > 0
    ? { ok: false, issues }
    : { ok: true, project: out as unknown as Project };
}

type Checked = string | number | undefined | { reason: string };

function checkField(spec: FieldSpec, value: unknown, fromText: boolean): Checked {
  const missing =
    value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
  if (spec.kind === 'optionalText') return missing ? undefined : text(value);
  if (missing) return { reason: 'is required' };
  if (spec.kind === 'text') return text(value);
  return number(spec, value, fromText);
}

function text(value: unknown): Checked {
  if (typeof value !== 'string') return { reason: `must be text, got ${show(value)}` };
  const trimmed = value.trim();
  if (trimmed.length > MAX_TEXT) return { reason: `is longer than ${MAX_TEXT} characters` };
  return trimmed;
}

function number(spec: FieldSpec, value: unknown, fromText: boolean): Checked {
  let n: number;
  if (typeof value === 'number') n = value;
  else if (fromText && typeof value === 'string') {
    if (/^\s*[+-]?\d+,\d+\s*$/.test(value)) {
      return { reason: `must use a '.' as decimal point, got ${show(value)}` };
    }
    n = Number(value.trim());
  } else return { reason: `must be a number, got ${show(value)}` };
  const whole = spec.kind === 'integer';
  if (!Number.isFinite(n) || (whole && !Number.isInteger(n))) {
    return { reason: `must be ${whole ? 'a whole number' : 'a number'}, got ${show(value)}` };
  }
  if ((spec.min !== undefined && n < spec.min) || (spec.max !== undefined && n > spec.max)) {
    return { reason: `must be from ${spec.min} to ${spec.max}, got ${show(value)}` };
  }
  return n;
}

function show(value: unknown): string {
  const s = typeof value === 'string' ? JSON.stringify(value) : String(JSON.stringify(value));
  return s.length > 40 ? `${s.slice(0, 40)}...` : s;
}
