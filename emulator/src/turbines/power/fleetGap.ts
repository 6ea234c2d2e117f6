import type { Fleet } from '../types.js';
import type { WeatherProvider } from '../weather/WeatherProvider.js';
import { projectPower, type PowerModel } from './model.js';

/**
 * The original experiment modelled 527 MW for the Dutch fleet at a moment when about 2 GW was
 * reported. It put 10 m weather-report wind into its power curve; turbines see the wind at 40-135
 * m, a quarter to a half faster, and below the 4 m/s cut-in a small difference decides between
 * nothing and something. This sums the whole fleet at one instant under the model variants, so the
 * size of that effect can be read off (and tested).
 */
export interface FleetGap {
  timeMs: number;
  /** Installed capacity of the fleet, MW. */
  nominalMw: number;
  /** Mean over projects of the 10 m wind, m/s. */
  meanSpeed10m: number;
  /** Mean over projects of the hub-height wind by the power law, m/s. */
  meanSpeedHub: number;
  /** As the original did: its curve, fed 10 m wind. */
  original10mMw: number;
  /** The original curve with the hub-height correction alone. */
  originalHubMw: number;
  /** The better model: cubic curve, power-law hub height. */
  cubicHubMw: number;
  /** Cubic curve, log-law hub height. */
  cubicLogLawMw: number;
}

const VARIANTS = {
  original10mMw: { curve: 'original', hubHeight: 'none' },
  originalHubMw: { curve: 'original', hubHeight: 'power-law' },
  cubicHubMw: { curve: 'cubic', hubHeight: 'power-law' },
  cubicLogLawMw: { curve: 'cubic', hubHeight: 'log-law' },
} as const satisfies Record<string, PowerModel>;

/**
 * @example
 * const gap = await compareFleetPower(generateFleet({ seed: 1 }), syntheticWeather(1), t);
 * gap.cubicHubMw / gap.original10mMw; // how much the corrections change the fleet total
 */
export async function compareFleetPower(
  fleet: Fleet,
  weather: WeatherProvider,
  timeMs: number,
): Promise<FleetGap> {
  const totals = { original10mMw: 0, originalHubMw: 0, cubicHubMw: 0, cubicLogLawMw: 0 };
  let nominalKw = 0;
  let speed10 = 0;
  let speedHub = 0;
  for (const project of fleet.projects) {
    const { speed10m } = await weather.windAt(project, timeMs);
    for (const [name, model] of Object.entries(VARIANTS) as [keyof typeof totals, PowerModel][]) {
      totals[name] += projectPower(project, speed10m, model).powerKw / 1000;
    }
    nominalKw += project.nominalPowerKw * project.turbines;
    speed10 += speed10m;
    speedHub += projectPower(project, speed10m, VARIANTS.cubicHubMw).windSpeedHub;
  }
  const n = Math.max(1, fleet.projects.length);
  return {
    timeMs,
    nominalMw: nominalKw / 1000,
    meanSpeed10m: speed10 / n,
    meanSpeedHub: speedHub / n,
    ...totals,
  };
}
