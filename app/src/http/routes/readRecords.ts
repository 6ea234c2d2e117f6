import { Router } from 'express';
import { recordView, toCsv } from '../../analysis/format.js';
import { parseName, parseRange, QueryParamError, singleParams } from '../../analysis/params.js';
import { MAX_PAGE, recordsPage } from '../../analysis/records.js';
import type { TableRef, TelemetryStore } from '../../storage/TelemetryStore.js';

interface Deps {
  store: TelemetryStore;
  table: TableRef;
  now: () => bigint;
}

const PARAMS = ['since', 'from', 'to', 'measure_name', 'limit', 'cursor'];
/** `dim.<name>=<value>`: records whose dimension `name` has exactly `value`. */
const DIMENSION_PREFIX = 'dim.';
const MAX_DIMENSION_FILTERS = 16;

/**
 * `GET /measurements?since=24h&dim.project=Noord&measure_name=reading&limit=1000`: the stored
 * records in a range, oldest first, a page at a time (`next` is the cursor of the following
 * page), as JSON or, with `Accept: text/csv`, as CSV with every dimension and measure a column.
 *
 * @example
 * // GET /measurements?since=1h&dim.turbine_id=NL-0001&limit=2
 * // {"from":"...","to":"...","records":[{"time":"2026-11-26T09:00:00.000000000Z",
 * //   "measureName":"reading","dimensions":{"turbine_id":"NL-0001",...},
 * //   "measures":{"power_kw":"1532.5",...}}, ...],"next":"MTczMj..."}
 */
export function readRecordRoutes(deps: Deps): Router {
  const router = Router();
  router.get('/measurements', async (req, res, next) => {
    try {
      const { params, dimensions } = splitParams(req.query);
      const range = parseRange(params, deps.now());
      const limit = parseLimit(params.limit);
      const measureName =
        params.measure_name === undefined
          ? undefined
          : parseName('measure_name', params.measure_name);
      const page = await recordsPage(deps.store, deps.table, {
        ...range,
        dimensions,
        limit,
        ...(measureName === undefined ? {} : { measureName }),
        ...(params.cursor === undefined ? {} : { cursor: params.cursor }),
      });
      const views = page.records.map(recordView);
      if (req.accepts(['application/json', 'text/csv']) === 'text/csv') {
        if (page.next) res.set('x-next-cursor', page.next);
        res.type('text/csv').send(toCsv(views));
        return;
      }
      res.json({
        from: new Date(Number(range.from / 1_000_000n)).toISOString(),
        to: new Date(Number(range.to / 1_000_000n)).toISOString(),
        records: views,
        ...(page.next ? { next: page.next } : {}),
      });
    } catch (err) {
      next(err);
    }
  });
  return router;
}

function splitParams(query: Record<string, unknown>) {
  const dimensions: Record<string, string> = {};
  const rest: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(query)) {
    if (!key.startsWith(DIMENSION_PREFIX)) {
      rest[key] = value;
      continue;
    }
    if (typeof value !== 'string') throw new QueryParamError(key, 'must be given once');
    const name = parseName(key, key.slice(DIMENSION_PREFIX.length));
    dimensions[name] = parseName(key, value);
  }
  if (Object.keys(dimensions).length > MAX_DIMENSION_FILTERS) {
    throw new QueryParamError(
      DIMENSION_PREFIX,
      `at most ${MAX_DIMENSION_FILTERS} dimension filters`,
    );
  }
  return { params: singleParams(rest, PARAMS), dimensions };
}

function parseLimit(text: string | undefined): number {
  if (text === undefined) return 1000;
  if (!/^[1-9]\d{0,5}$/.test(text) || Number(text) > MAX_PAGE) {
    throw new QueryParamError(
      'limit',
      `must be a whole number from 1 to ${MAX_PAGE}; got '${text}'`,
    );
  }
  return Number(text);
}
