import { at, unsupported } from '../errors.js';
import { walk, type Expr, type SelectStatement } from '../sql/ast.js';
import type { SqlType } from '../types/values.js';
import { isAggregate } from './aggregates.js';
import { compile, type Scope } from './compile.js';
import type { Compiled } from './compiled.js';
import { resolveGroupBy } from './groupBy.js';
import type { TableSchema } from './schema.js';
import { GroupScope, orderScope, tableScope, type AggregateCall, type OrderRow } from './scopes.js';

/**
 * The analysed SELECT: every expression type-checked and compiled, names resolved against the
 * table's columns. Evaluation (execute/run.ts) only calls closures.
 */
export interface OutputColumn {
  name: string;
  type: SqlType;
}

export interface SortKey {
  key: (row: OrderRow) => ReturnType<Compiled['eval']>;
  descending: boolean;
  nullsFirst: boolean;
}

export interface SelectPlan {
  columns: OutputColumn[];
  /** The part of WHERE not pushed to the store. */
  filter?: Compiled;
  /** Over table rows, or over groups when `grouping` is set. */
  project: Compiled[];
  grouping?: {
    keys: Compiled[];
    /** The GROUP BY expressions, positions and aliases resolved. */
    keyExprs: Expr[];
    aggregates: AggregateCall[];
    having?: Compiled;
  };
  order: SortKey[];
  distinct: boolean;
  limit?: number;
}

const WHERE_AGGREGATE =
  'WHERE clause cannot contain aggregations, window functions or grouping operations';
const GROUP_AGGREGATE =
  'GROUP BY clause cannot contain aggregations, window functions or grouping operations';

export function planSelect(
  statement: SelectStatement,
  residual: Expr | undefined,
  schema: TableSchema | undefined,
  nowNs: bigint,
): SelectPlan {
  const qualifier = statement.from?.alias ?? statement.from?.table;
  const rows = tableScope(schema, qualifier, nowNs, WHERE_AGGREGATE);
  const items = expandItems(statement, schema, rows);
  const filter = residual && booleanClause(compile(residual, rows), residual, 'WHERE');

  const aggregated = isAggregateQuery(statement);

  let scope: Scope = rows;
  let grouping: SelectPlan['grouping'];
  if (aggregated) {
    const keyExprs = resolveGroupBy(statement.groupBy, items, rows);
    const keyScope: Scope = { ...rows, aggregateError: GROUP_AGGREGATE };
    const keys = keyExprs.map((k) => compile(k, keyScope));
    const groups = new GroupScope(keyExprs, keys, rows, nowNs);
    scope = groups;
    grouping = { keys, keyExprs, aggregates: groups.aggregates };
  }
  const project = items.map((i) => compile(i.expr, scope));
  project.forEach((p, i) => {
    if (p.type === 'INTERVAL')
      throw unsupported(items[i]?.expr.pos, 'An INTERVAL value in the result');
  });
  if (grouping && statement.having) {
    grouping.having = booleanClause(compile(statement.having, scope), statement.having, 'HAVING');
  }
  const ordering = orderScope(scope, items, project, statement.distinct);
  const order = statement.orderBy.map((o) => {
    const ordinal = outputOrdinal(o.expr, items.length);
    const key =
      ordinal !== undefined
        ? (r: OrderRow) => r.out[ordinal] ?? null
        : (compile(o.expr, ordering).eval as SortKey['key']);
    return { key, descending: o.descending, nullsFirst: o.nullsFirst };
  });
  return {
    columns: items.map((i, k) => ({ name: i.name, type: (project[k] as Compiled).type })),
    project,
    order,
    distinct: statement.distinct,
    ...(filter ? { filter } : {}),
    ...(grouping ? { grouping } : {}),
    ...(statement.limit === undefined ? {} : { limit: statement.limit }),
  };
}

export interface Item {
  expr: Expr;
  name: string;
}

/** `*` becomes the table's columns; an unnamed expression is `_col<position>`, as in Trino. */
function expandItems(
  statement: SelectStatement,
  schema: TableSchema | undefined,
  rows: Scope,
): Item[] {
  const items: Item[] = [];
  for (const item of statement.items) {
    if (item.kind === 'star') {
      if (!schema) throw at(item.pos, 'SELECT * not allowed in queries without FROM clause');
      for (const c of schema.columns()) {
        items.push({
          expr: { kind: 'column', name: c.name, quoted: true, pos: item.pos },
          name: c.name,
        });
      }
      continue;
    }
    const e = item.expr;
    const columnName =
      e.kind === 'column' ? rows.resolve(e) && schema?.resolve(e.name)?.name : undefined;
    items.push({ expr: e, name: item.alias ?? columnName ?? `_col${items.length}` });
  }
  return items;
}

function booleanClause(c: Compiled, e: Expr, clause: string): Compiled {
  if (c.type !== 'BOOLEAN' && c.type !== 'UNKNOWN') {
    throw at(
      e.pos,
      `${clause} clause must evaluate to a boolean: actual type ${c.type.toLowerCase()}`,
    );
  }
  return c;
}

/** GROUP BY, HAVING, or an aggregate in SELECT or ORDER BY: one row per group. */
export function isAggregateQuery(statement: SelectStatement): boolean {
  const exprs = [
    ...statement.items.flatMap((i) => (i.kind === 'expr' ? [i.expr] : [])),
    ...statement.orderBy.map((o) => o.expr),
  ];
  return statement.groupBy.length > 0 || statement.having !== undefined || exprs.some(hasAggregate);
}

function hasAggregate(e: Expr): boolean {
  let found = false;
  walk(e, (n) => {
    if (n.kind === 'call' && isAggregate(n.name)) found = true;
  });
  return found;
}

/** `ORDER BY 2`: the second output column (Trino: positions start at 1). */
function outputOrdinal(e: Expr, count: number): number | undefined {
  if (e.kind !== 'literal' || e.type !== 'BIGINT') return undefined;
  const n = Number(e.value);
  if (n < 1 || n > count) throw at(e.pos, `ORDER BY position ${n} is not in select list`);
  return n - 1;
}
