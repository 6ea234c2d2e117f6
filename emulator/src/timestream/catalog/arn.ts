/**
 * Timestream ARNs: `arn:aws:timestream:<region>:<account>:database/<db>` and
 * `.../database/<db>/table/<table>` (IAM service authorization reference, "Resource types defined
 * by Amazon Timestream"). The emulator keeps one namespace for every region and account, so
 * `parseArn` ignores both and any partition; names cannot contain `/` (pattern [a-zA-Z0-9_.-]+).
 */
export interface ArnScope {
  region: string;
  accountId: string;
}

export interface ResourceRef {
  database: string;
  table?: string;
}

export function databaseArn(scope: ArnScope, database: string): string {
  return `arn:aws:timestream:${scope.region}:${scope.accountId}:database/${database}`;
}

export function tableArn(scope: ArnScope, database: string, table: string): string {
  return `${databaseArn(scope, database)}/table/${table}`;
}

const ARN = /^arn:aws[a-z-]*:timestream:[^:]*:[^:]*:database\/([^/]+)(?:\/table\/([^/]+))?$/;

/** The database (and table) an ARN names, or undefined for anything else. */
export function parseArn(arn: string): ResourceRef | undefined {
  const match = ARN.exec(arn);
  if (!match?.[1]) return undefined;
  return match[2] === undefined ? { database: match[1] } : { database: match[1], table: match[2] };
}
