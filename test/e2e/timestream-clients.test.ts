import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ANALYST_SCRIPT,
  expectAnalystOutput,
  timestampText,
  type AnalystOutput,
} from '../fixtures/timestream-clients/analyst.js';
import {
  clientEnv,
  findAwsCli,
  findBoto3Pythons,
  IN_CI,
  readsServiceEndpointVariables,
  run,
  useMemoryServer,
  type Boto3Python,
  type Ran,
} from '../fixtures/timestream-clients/clients.js';

/**
 * The windtunnel Timestream server driven by real clients as users run them: the AWS CLI and a
 * boto3 analyst script, each pointed at the server with --endpoint-url / endpoint_url (which
 * makes botocore skip endpoint discovery, botocore/client.py `_register_endpoint_discovery`), or
 * with AWS_ENDPOINT_URL_TIMESTREAM_* (then discovery runs against the server). CI installs
 * Debian's awscli and python3-boto3; elsewhere a missing client skips its suite, named below.
 */
const cli = findAwsCli();
const pythons = findBoto3Pythons();
const python = pythons[0];

describe.runIf(IN_CI)('CI has installed the real clients', () => {
  it('has the AWS CLI v2 from Debian at /usr/bin/aws (apt-get install awscli)', () => {
    expect(existsSync('/usr/bin/aws')).toBe(true);
    expect(cli?.path).toBe('/usr/bin/aws');
  });

  it('has boto3 for /usr/bin/python3 (apt-get install python3-boto3)', () => {
    expect(pythons.map((p) => p.path)).toContain('/usr/bin/python3');
  });
});

describe.skipIf(!cli)(
  `AWS CLI ${cli ? `${cli.version} (${cli.path})` : 'skipped: no aws found'}`,
  () => {
    const server = useMemoryServer();
    const database = 'cli_windtunnel';
    const table = 'telemetry';
    const now = Date.now();
    let dir = '';

    const aws = (...args: string[]) =>
      run(cli!.path, [...args, '--endpoint-url', server.url, '--output', 'json'], clientEnv());
    const awsJson = async (...args: string[]): Promise<Record<string, unknown>> => {
      const result = await aws(...args);
      expect(result.code, result.stderr).toBe(0);
      return JSON.parse(result.stdout) as Record<string, unknown>;
    };
    const reading = (turbine: string, ms: number, values: [string, string, string][]) => ({
      Dimensions: [{ Name: 'turbine_id', Value: turbine }],
      Time: String(ms),
      MeasureValues: values.map(([Name, Value, Type]) => ({ Name, Value, Type })),
    });
    const writeRecords = async (records: object[], name: string) => {
      const file = join(dir, `${name}.json`);
      const common = {
        MeasureName: 'reading',
        MeasureValueType: 'MULTI',
        TimeUnit: 'MILLISECONDS',
      };
      const input = { DatabaseName: database, TableName: table, CommonAttributes: common };
      await writeFile(file, JSON.stringify({ ...input, Records: records }));
      return aws('timestream-write', 'write-records', '--cli-input-json', `file://${file}`);
    };
    const first = reading('NL-0001', now - 60_000, [
      ['power_kw', '1500.5', 'DOUBLE'],
      ['wind_speed', '7.25', 'DOUBLE'],
    ]);
    const second = reading('NL-0002', now - 60_000, [
      ['power_kw', '1200', 'DOUBLE'],
      ['status', 'curtailed', 'VARCHAR'],
    ]);
    const everything =
      'SELECT turbine_id, time, power_kw, wind_speed, status ' +
      `FROM "${database}"."${table}" WHERE time > ago(24h) ORDER BY turbine_id`;

    // Each test prepares what it needs through the CLI, once per suite, so any test runs alone.
    let created: Promise<Record<string, unknown>> | undefined;
    const createdTable = () =>
      (created ??= (async () => {
        await awsJson('timestream-write', 'create-database', '--database-name', database);
        const retention =
          'MemoryStoreRetentionPeriodInHours=24,MagneticStoreRetentionPeriodInDays=7';
        const output = await awsJson(
          'timestream-write',
          'create-table',
          ...['--database-name', database, '--table-name', table],
          ...['--retention-properties', retention],
        );
        return output['Table'] as Record<string, unknown>;
      })());
    let written: Promise<Ran> | undefined;
    const writtenReadings = async () => {
      await createdTable();
      return (written ??= writeRecords([first, second], 'write'));
    };

    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'windtunnel-cli-'));
    });
    afterAll(async () => {
      await rm(dir, { recursive: true, force: true });
    });

    it('creates a database and a table with --retention-properties, then describes and lists it', async () => {
      const createdTableOutput = await createdTable();
      const described = await awsJson(
        'timestream-write',
        'describe-table',
        ...['--database-name', database, '--table-name', table],
      );
      const listed = await awsJson('timestream-write', 'list-tables', '--database-name', database);

      const expected = {
        Arn: `arn:aws:timestream:us-east-1:123456789012:database/${database}/table/${table}`,
        TableName: table,
        DatabaseName: database,
        TableStatus: 'ACTIVE',
        RetentionProperties: {
          MemoryStoreRetentionPeriodInHours: 24,
          MagneticStoreRetentionPeriodInDays: 7,
        },
      };
      expect(createdTableOutput).toMatchObject(expected);
      expect(described['Table']).toEqual(createdTableOutput);
      expect(listed['Tables']).toEqual([createdTableOutput]);
    });

    it('writes MULTI records from --cli-input-json with CommonAttributes and counts them', async () => {
      const result = await writtenReadings();

      expect(result.code, result.stderr).toBe(0);
      expect(JSON.parse(result.stdout)).toEqual({
        RecordsIngested: { Total: 2, MemoryStore: 2, MagneticStore: 0 },
      });
    });

    it('exits non-zero with RejectedRecordsException for a changed value without a higher Version', async () => {
      await writtenReadings();
      const changed = { ...first, MeasureValues: [{ ...first.MeasureValues[0], Value: '1.5' }] };

      const conflict = await writeRecords([changed], 'conflict');
      const rows = await awsJson('timestream-query', 'query', '--query-string', everything);

      expect(conflict.code).not.toBe(0);
      expect(conflict.stderr).toContain('RejectedRecordsException');
      expect(conflict.stderr).toContain('One or more records have been rejected');
      expect(JSON.stringify(rows['Rows'])).toContain('"1500.5"');
    });

    it('queries the last 24 hours: rows parse by ColumnInfo, with NullValue for missing cells', async () => {
      await writtenReadings();

      const output = await awsJson('timestream-query', 'query', '--query-string', everything);

      const columns = output['ColumnInfo'] as { Name: string; Type: { ScalarType: string } }[];
      const rows = (
        output['Rows'] as { Data: { ScalarValue?: string; NullValue?: boolean }[] }[]
      ).map((row) =>
        Object.fromEntries(
          columns.map((c, i) => [c.Name, row.Data[i]?.NullValue ? null : row.Data[i]?.ScalarValue]),
        ),
      );
      expect(columns.map((c) => [c.Name, c.Type.ScalarType])).toEqual([
        ['turbine_id', 'VARCHAR'],
        ['time', 'TIMESTAMP'],
        ['power_kw', 'DOUBLE'],
        ['wind_speed', 'DOUBLE'],
        ['status', 'VARCHAR'],
      ]);
      const time = timestampText(now - 60_000);
      expect(rows).toEqual([
        { turbine_id: 'NL-0001', time, power_kw: '1500.5', wind_speed: '7.25', status: null },
        { turbine_id: 'NL-0002', time, power_kw: '1200.0', wind_speed: null, status: 'curtailed' },
      ]);
      expect(output['QueryId']).toMatch(/^[a-zA-Z0-9]+$/);
    });

    it('pages with --page-size (MaxRows) through NextToken and returns the same rows', async () => {
      await writtenReadings();

      const whole = await awsJson('timestream-query', 'query', '--query-string', everything);
      const paged = await awsJson(
        'timestream-query',
        'query',
        ...['--query-string', everything, '--page-size', '1'],
      );

      expect(paged['Rows']).toEqual(whole['Rows']);
      expect(paged['ColumnInfo']).toEqual(whole['ColumnInfo']);
    });

    // Operations of AWS CLI 2.9's models that the emulator does not implement (its models predate
    // the batch-load and account-settings operations).
    it.each([
      ['PrepareQuery', ['timestream-query', 'prepare-query', '--query-string', 'SELECT 1']],
      ['ListScheduledQueries', ['timestream-query', 'list-scheduled-queries']],
    ])(
      'exits non-zero with UnknownOperationException naming %s, which is not implemented',
      async (operation, args) => {
        const result = await aws(...args);

        expect(result.code).not.toBe(0);
        expect(result.stderr).toContain('UnknownOperationException');
        expect(result.stderr).toContain(`${operation} is not supported by windtunnel`);
      },
    );
  },
);

describe.skipIf(!python)(
  `boto3 analyst ${python ? `botocore ${python.botocore} (${python.path})` : 'skipped: no python3 with boto3'}`,
  () => {
    const server = useMemoryServer();

    it('writes readings, pages the last 24 hours into rows by ColumnInfo, and totals the fleet per 10 minutes', async () => {
      const args = [ANALYST_SCRIPT, '--endpoint-url', server.url, '--database', 'analyst'];
      const result = await run(python!.path, [...args, '--max-rows', '25'], clientEnv());

      expect(result.code, result.stderr).toBe(0);
      const output = JSON.parse(result.stdout) as AnalystOutput;
      expectAnalystOutput(output);
      expect(output.endpoints).toEqual({ write: server.url, query: server.url });
      // An explicit endpoint_url switches endpoint discovery off in botocore.
      expect(output.discovered).toEqual([]);
    });
  },
);

describe.skipIf(pythons.length === 0)(
  'boto3 with AWS_ENDPOINT_URL_TIMESTREAM_WRITE / _QUERY',
  () => {
    const server = useMemoryServer();
    const env = () =>
      clientEnv({
        AWS_ENDPOINT_URL_TIMESTREAM_WRITE: server.url,
        AWS_ENDPOINT_URL_TIMESTREAM_QUERY: server.url,
      });

    for (const py of pythons) {
      if (readsServiceEndpointVariables(py.botocore)) {
        it(`botocore ${py.botocore} (${py.path}) reaches the server, through DescribeEndpoints`, async () => {
          const args = [ANALYST_SCRIPT, '--database', `env_${pythons.indexOf(py)}`];
          const result = await run(py.path, args, env());

          expect(result.code, result.stderr).toBe(0);
          const output = JSON.parse(result.stdout) as AnalystOutput;
          expectAnalystOutput(output);
          // No explicit endpoint_url: discovery runs, and every call goes where the server said.
          expect(output.discovered.length).toBeGreaterThan(0);
          expect(new Set(output.discovered)).toEqual(new Set([server.url]));
        });
      } else {
        it(`botocore ${py.botocore} (${py.path}) ignores them: they need botocore 1.31.0 (boto3 1.28.0)`, async () => {
          const result = await run(py.path, [ANALYST_SCRIPT, '--probe'], env());

          expect(result.code, result.stderr).toBe(0);
          expect(probe(result.stdout, py)).toEqual({
            write: 'https://ingest.timestream.us-east-1.amazonaws.com',
            query: 'https://query.timestream.us-east-1.amazonaws.com',
          });
        });
      }
    }
  },
);

function probe(stdout: string, py: Boto3Python): AnalystOutput['endpoints'] {
  const output = JSON.parse(stdout) as Pick<AnalystOutput, 'botocore' | 'endpoints'>;
  expect(output.botocore).toBe(py.botocore);
  return output.endpoints;
}
