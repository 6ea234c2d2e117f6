import { describeInfluxOutage } from './fleet-outage.js';

// InfluxDB hangs (SIGSTOP: its connections stay open, nothing is answered) for 10 s.
describeInfluxOutage('the fleet while InfluxDB hangs for 10 s', {
  begin: (influxd) => influxd.pause(),
  end: (influxd) => influxd.resume(),
});
