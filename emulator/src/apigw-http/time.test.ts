import { describe, expect, it } from 'vitest';
import { formatClfTime, newTraceId } from './time.js';

describe('formatClfTime', () => {
  it('formats the captured example 21/Apr/2020:15:08:21 +0000 from its timeEpoch', () => {
    expect(formatClfTime(new Date(1587481701067))).toBe('21/Apr/2020:15:08:21 +0000');
  });

  it('zero-pads day and clock, and uses UTC', () => {
    expect(formatClfTime(new Date(Date.UTC(2024, 0, 5, 3, 4, 5)))).toBe(
      '05/Jan/2024:03:04:05 +0000',
    );
  });
});

describe('newTraceId', () => {
  it('is Root=1-<epoch seconds in 8 hex>-<24 hex>', () => {
    const trace = newTraceId(new Date(1587481701067));

    expect(trace).toMatch(/^Root=1-5e9f0c65-[0-9a-f]{24}$/);
  });
});
