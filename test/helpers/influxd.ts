// The influxd launcher lives with the emulator (the benchmark uses it too); tests import it here.
export * from '../../emulator/src/influxd/influxd.js';
