import type { Position } from '../errors.js';
import type { SqlType, Value } from '../types/values.js';

/** The statements the engine runs, as the parser builds them. Every node keeps its position. */
export type Statement = SelectStatement | ShowDatabases | ShowTables | DescribeTable;

export interface TableName {
  database: string;
  table: string;
  /** Position of the database name: the one Timestream's not-found message names. */
  pos: Position;
}

export interface SelectStatement {
  kind: 'select';
  distinct: boolean;
  items: SelectItem[];
  from?: TableName & { alias?: string };
  where?: Expr;
  groupBy: Expr[];
  having?: Expr;
  orderBy: OrderItem[];
  limit?: number;
}

export type SelectItem =
  | { kind: 'star'; qualifier?: string; pos: Position }
  | { kind: 'expr'; expr: Expr; alias?: string };

export interface OrderItem {
  expr: Expr;
  descending: boolean;
  /** Trino's default is NULLS LAST in both directions ("regardless of the ordering direction"). */
  nullsFirst: boolean;
}

export interface ShowDatabases {
  kind: 'showDatabases';
  like?: string;
}

export interface ShowTables {
  kind: 'showTables';
  database: string;
  pos: Position;
  like?: string;
}

export interface DescribeTable {
  kind: 'describe';
  table: TableName;
}

export type BinaryOp =
  '+' | '-' | '*' | '/' | '%' | '||' | '=' | '<>' | '<' | '<=' | '>' | '>=' | 'AND' | 'OR';

export type Expr =
  | { kind: 'column'; name: string; qualifier?: string; quoted: boolean; pos: Position }
  | { kind: 'literal'; type: SqlType; value: Value; pos: Position }
  | { kind: 'unary'; op: '-' | 'NOT'; operand: Expr; pos: Position }
  | { kind: 'binary'; op: BinaryOp; left: Expr; right: Expr; pos: Position }
  | { kind: 'between'; operand: Expr; low: Expr; high: Expr; negated: boolean; pos: Position }
  | { kind: 'in'; operand: Expr; list: Expr[]; negated: boolean; pos: Position }
  | { kind: 'isNull'; operand: Expr; negated: boolean; pos: Position }
  | { kind: 'like'; operand: Expr; pattern: Expr; escape?: Expr; negated: boolean; pos: Position }
  | { kind: 'cast'; operand: Expr; to: SqlType; pos: Position }
  | {
      kind: 'call';
      /** Lower case: function names are not case-sensitive. */
      name: string;
      args: Expr[];
      /** `count(*)` */
      star: boolean;
      distinct: boolean;
      pos: Position;
    };

/** A canonical text of an expression, ignoring positions: how GROUP BY and SELECT are matched. */
export function exprKey(e: Expr): string {
  switch (e.kind) {
    case 'column':
      return `col(${e.qualifier ?? ''}.${e.name})`;
    case 'literal':
      return `lit(${e.type}:${String(e.value)})`;
    case 'unary':
      return `${e.op}(${exprKey(e.operand)})`;
    case 'binary':
      return `(${exprKey(e.left)} ${e.op} ${exprKey(e.right)})`;
    case 'between':
      return `btw(${e.negated}:${exprKey(e.operand)},${exprKey(e.low)},${exprKey(e.high)})`;
    case 'in':
      return `in(${e.negated}:${exprKey(e.operand)};${e.list.map(exprKey).join(',')})`;
    case 'isNull':
      return `isnull(${e.negated}:${exprKey(e.operand)})`;
    case 'like':
      return `like(${e.negated}:${exprKey(e.operand)},${exprKey(e.pattern)},${e.escape ? exprKey(e.escape) : ''})`;
    case 'cast':
      return `cast(${exprKey(e.operand)} as ${e.to})`;
    case 'call':
      return `${e.name}(${e.distinct ? 'distinct ' : ''}${e.star ? '*' : e.args.map(exprKey).join(',')})`;
  }
}

/** Calls every node of an expression, outermost first. */
export function walk(e: Expr, visit: (e: Expr) => void): void {
  visit(e);
  const children: Expr[] =
    e.kind === 'unary' || e.kind === 'isNull' || e.kind === 'cast'
      ? [e.operand]
      : e.kind === 'binary'
        ? [e.left, e.right]
        : e.kind === 'between'
          ? [e.operand, e.low, e.high]
          : e.kind === 'in'
            ? [e.operand, ...e.list]
            : e.kind === 'like'
              ? [e.operand, e.pattern, ...(e.escape ? [e.escape] : [])]
              : e.kind === 'call'
                ? e.args
                : [];
  for (const child of children) walk(child, visit);
}
