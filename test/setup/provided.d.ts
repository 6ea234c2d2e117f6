// Values that test/setup/influx.globalSetup.ts hands to tests through `inject()`.
declare module 'vitest' {
  export interface ProvidedContext {
    /** Base URL of the InfluxDB 1.x used by integration tests; '' when none is available. */
    influxUrl: string;
  }
}

export {};
