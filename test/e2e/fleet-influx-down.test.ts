import { describeInfluxOutage } from './fleet-outage.js';

// InfluxDB crashes (SIGKILL) and is started again 10 s later, with its data.
describeInfluxOutage('the fleet while InfluxDB is down for 10 s', {
  begin: (influxd) => influxd.kill(),
  end: (influxd) => influxd.restart(),
});
