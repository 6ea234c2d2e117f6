import { describe, expect, it } from 'vitest';
import { generateFleet } from '../fleet/generateFleet.js';
import { syntheticWeather } from '../weather/synthetic/syntheticWeather.js';
import { compareFleetPower } from './fleetGap.js';

/**
 * The original modelled 527 MW against about 2 GW reported. At a moderate-wind afternoon (seed 1,
 * 17 November 2024 14:00 UTC, mean 10 m wind near 4.8 m/s, where the original model makes about
 * 12 % of nominal), the hub-height correction must raise the fleet total by a large factor.
 */
describe('compareFleetPower: the 527 MW vs about 2 GW question', () => {
  const instant = Date.UTC(2024, 10, 17, 14);

  it('shows the hub-height correction raising the fleet total by a large factor', async () => {
    const gap = await compareFleetPower(generateFleet({ seed: 1 }), syntheticWeather(1), instant);
    // A moderate wind, as when the original's figure was taken, not a calm or a storm.
    expect(gap.meanSpeed10m).toBeGreaterThan(4);
    expect(gap.meanSpeed10m).toBeLessThan(6);
    expect(gap.meanSpeedHub / gap.meanSpeed10m).toBeGreaterThan(1.25);
    expect(gap.original10mMw / gap.nominalMw).toBeLessThan(0.2);
    // The correction alone (same curve) multiplies the total by 2-5: most of 527 MW -> 2 GW.
    const hubAlone = gap.originalHubMw / gap.original10mMw;
    expect(hubAlone).toBeGreaterThan(2);
    expect(hubAlone).toBeLessThan(5);
    // The better model (cubic curve at hub height) is still well above the original...
    const better = gap.cubicHubMw / gap.original10mMw;
    expect(better).toBeGreaterThan(1.4);
    expect(better).toBeLessThan(hubAlone); // ...but the cubic is more cautious than the line.
    expect(Math.abs(gap.cubicLogLawMw - gap.cubicHubMw) / gap.cubicHubMw).toBeLessThan(0.1);
  });

  it('raises the total at every moderate-wind instant, not just the chosen one', async () => {
    const fleet = generateFleet({ seed: 1, projects: 200 });
    const weather = syntheticWeather(1);
    for (let day = 0; day < 30; day++) {
      const gap = await compareFleetPower(fleet, weather, Date.UTC(2024, 10, 1 + day, 14));
      if (gap.meanSpeed10m < 3 || gap.meanSpeed10m > 8) continue;
      expect(gap.originalHubMw).toBeGreaterThan(gap.original10mMw * 1.4);
      expect(gap.cubicHubMw).toBeGreaterThan(gap.original10mMw);
    }
  });
});
