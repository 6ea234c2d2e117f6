import { at, unsupported } from '../errors.js';
import type { Expr, OrderItem, SelectItem, SelectStatement, Statement, TableName } from './ast.js';
import { Cursor } from './cursor.js';
import { tokenize } from './lexer.js';
import { parseExpression } from './parseExpression.js';

/**
 * Parses one statement of Timestream SQL (supported-sql-constructs.html): a SELECT over one
 * table, SHOW DATABASES, SHOW TABLES FROM db, DESCRIBE db.table. A construct outside that subset
 * (JOIN, subquery, UNION, WITH, window functions, ...) is refused with a ValidationException that
 * names it and where it is, never parsed into something that would answer differently.
 *
 * @example
 * parse('SELECT avg(power_kw) FROM "wind"."telemetry" WHERE time > ago(1h)');
 */
export function parse(sql: string): Statement {
  const c = new Cursor(tokenize(sql));
  const statement = parseStatement(c);
  c.acceptOp(';');
  if (c.peek().kind !== 'eof') {
    for (const word of ['UNION', 'INTERSECT', 'EXCEPT']) {
      if (c.isKeyword(word)) throw unsupported(c.pos, word);
    }
    if (c.isKeyword('OFFSET') || c.isKeyword('FETCH')) throw unsupported(c.pos, c.peek().text);
    throw c.mismatch('<EOF>');
  }
  return statement;
}

function parseStatement(c: Cursor): Statement {
  if (c.isKeyword('SELECT')) return parseSelect(c);
  if (c.acceptKeyword('SHOW', 'DATABASES')) {
    return { kind: 'showDatabases', ...like(c) };
  }
  if (c.acceptKeyword('SHOW', 'TABLES')) {
    const pos = c.pos;
    if (!c.acceptKeyword('FROM') && !c.acceptKeyword('IN')) {
      throw unsupported(pos, 'SHOW TABLES without FROM <database>');
    }
    const db = c.expectName('<database name>');
    return { kind: 'showTables', database: db.text, pos: db.pos, ...like(c) };
  }
  if (c.isKeyword('DESCRIBE') || c.isKeyword('DESC')) {
    c.next();
    return { kind: 'describe', table: parseTableName(c) };
  }
  if (c.isKeyword('WITH')) throw unsupported(c.pos, 'WITH (common table expressions)');
  if (c.isKeyword('SHOW')) throw unsupported(c.pos, `SHOW ${c.peek(1).text}`);
  const word = c.peek().kind === 'ident' ? c.peek().text.toUpperCase() : '';
  if (['UNLOAD', 'INSERT', 'CREATE', 'DELETE', 'UPDATE', 'DROP', 'EXPLAIN'].includes(word)) {
    throw unsupported(c.pos, word);
  }
  throw c.mismatch("'SELECT', 'SHOW', 'DESCRIBE'");
}

function like(c: Cursor): { like?: string } {
  if (!c.acceptKeyword('LIKE')) return {};
  const t = c.next();
  if (t.kind !== 'string') throw at(t.pos, `mismatched input '${t.text}'. Expecting: <string>`);
  return { like: t.text };
}

function parseTableName(c: Cursor): TableName {
  const first = c.expectName('<database name>');
  if (!c.acceptOp('.')) {
    throw at(first.pos, `Table '${first.text}' must be qualified with its database: "db"."table"`);
  }
  const second = c.expectName('<table name>');
  return { database: first.text, table: second.text, pos: first.pos };
}

function parseSelect(c: Cursor): SelectStatement {
  c.expectKeyword('SELECT');
  const distinct = c.acceptKeyword('DISTINCT');
  if (!distinct) c.acceptKeyword('ALL');
  const items = [parseSelectItem(c)];
  while (c.acceptOp(',')) items.push(parseSelectItem(c));
  const statement: SelectStatement = { kind: 'select', distinct, items, groupBy: [], orderBy: [] };
  if (c.acceptKeyword('FROM')) statement.from = parseFrom(c);
  if (c.acceptKeyword('WHERE')) statement.where = parseExpression(c);
  if (c.acceptKeyword('GROUP', 'BY')) {
    for (const word of ['ROLLUP', 'CUBE', 'GROUPING']) {
      if (c.isKeyword(word)) throw unsupported(c.pos, `GROUP BY ${word}`);
    }
    statement.groupBy = list(c, parseExpression);
  }
  if (c.acceptKeyword('HAVING')) statement.having = parseExpression(c);
  if (c.isKeyword('WINDOW')) throw unsupported(c.pos, 'A WINDOW clause');
  if (c.acceptKeyword('ORDER', 'BY')) statement.orderBy = list(c, parseOrderItem);
  if (c.isKeyword('OFFSET')) throw unsupported(c.pos, 'OFFSET');
  if (c.acceptKeyword('LIMIT')) {
    const t = c.next();
    if (t.kind === 'ident' && t.text.toUpperCase() === 'ALL') return statement;
    if (t.kind !== 'number' || !/^\d+$/.test(t.text)) {
      throw at(t.pos, `mismatched input '${t.text}'. Expecting: <integer>, 'ALL'`);
    }
    statement.limit = Number(t.text);
  }
  return statement;
}

function list<T>(c: Cursor, item: (c: Cursor) => T): T[] {
  const items = [item(c)];
  while (c.acceptOp(',')) items.push(item(c));
  return items;
}

function parseSelectItem(c: Cursor): SelectItem {
  const pos = c.pos;
  if (c.acceptOp('*')) return { kind: 'star', pos };
  if (c.isName() && c.isOp('.', 1) && c.isOp('*', 2)) {
    const qualifier = c.next().text;
    c.next();
    c.next();
    return { kind: 'star', qualifier, pos };
  }
  const expr: Expr = parseExpression(c);
  if (c.acceptKeyword('AS')) return { kind: 'expr', expr, alias: c.expectName('<alias>').text };
  if (c.isAlias()) return { kind: 'expr', expr, alias: c.next().text };
  return { kind: 'expr', expr };
}

function parseFrom(c: Cursor): NonNullable<SelectStatement['from']> {
  if (c.isOp('(')) throw unsupported(c.pos, 'A subquery in FROM');
  if (c.isKeyword('UNNEST') || c.isKeyword('LATERAL')) throw unsupported(c.pos, c.peek().text);
  const table = parseTableName(c);
  let alias: string | undefined;
  if (c.acceptKeyword('AS')) alias = c.expectName('<alias>').text;
  else if (c.isAlias() && !c.isKeyword('CROSS') && !c.isKeyword('TABLESAMPLE'))
    alias = c.next().text;
  if (c.isOp(',')) throw unsupported(c.pos, 'A JOIN (several tables in FROM)');
  for (const word of ['JOIN', 'CROSS', 'INNER', 'LEFT', 'RIGHT', 'FULL', 'NATURAL']) {
    if (c.isKeyword(word)) throw unsupported(c.pos, 'JOIN');
  }
  if (c.isKeyword('TABLESAMPLE')) throw unsupported(c.pos, 'TABLESAMPLE');
  return alias === undefined ? table : { ...table, alias };
}

function parseOrderItem(c: Cursor): OrderItem {
  const expr = parseExpression(c);
  const descending = c.acceptKeyword('DESC') ? true : (c.acceptKeyword('ASC'), false);
  let nullsFirst = false;
  if (c.acceptKeyword('NULLS')) {
    if (c.acceptKeyword('FIRST')) nullsFirst = true;
    else c.expectKeyword('LAST');
  }
  return { expr, descending, nullsFirst };
}
