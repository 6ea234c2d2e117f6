import type { FieldIssue } from './projectFields.js';

/** One problem in a fleet file: where (row, and line for CSV), which field, why. */
export interface FleetIssue extends FieldIssue {
  /** 1-based project number in the file (the header of a CSV is not counted). */
  row?: number;
  /** 1-based line in a CSV file. */
  line?: number;
}

/** A fleet file that cannot be used; the message lists the first problems, naming row and field. */
export class FleetFileError extends Error {
  constructor(
    readonly source: string,
    readonly issues: FleetIssue[],
  ) {
    super(`${source}: ${describe(issues)}`);
    this.name = 'FleetFileError';
  }
}

const SHOWN = 10;

function describe(issues: FleetIssue[]): string {
  const lines = issues.slice(0, SHOWN).map((i) => `${where(i)}field '${i.field}' ${i.reason}`);
  const more = issues.length > SHOWN ? `\n  ... and ${issues.length - SHOWN} more` : '';
  const count = issues.length === 1 ? '1 problem' : `${issues.length} problems`;
  return `${count}\n  ${lines.join('\n  ')}${more}`;
}

/** `row 3 (line 4), ` for CSV, `row 3, ` for JSON, `line 1, ` for the header. */
function where({ row, line }: FleetIssue): string {
  if (row !== undefined && line !== undefined) return `row ${row} (line ${line}), `;
  if (row !== undefined) return `row ${row}, `;
  return line !== undefined ? `line ${line}, ` : '';
}
