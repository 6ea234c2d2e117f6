import { formatDuration } from './duration.js';
import type { SimulationStats } from './stats.js';

export interface ProgressOptions {
  stream: NodeJS.WritableStream & { isTTY?: boolean };
  /** Plain lines (not a TTY) are written this often; the TTY line is redrawn every second. */
  plainEveryMs?: number;
}

/**
 * The live progress line on stderr: redrawn in place every second on a terminal; on anything
 * else (CI logs, files) a plain line every `plainEveryMs`, since carriage returns there only make
 * one unreadable line.
 */
export function startProgress(
  stats: SimulationStats,
  spooled: () => number,
  options: ProgressOptions,
): { stop(): void } {
  const tty = options.stream.isTTY === true;
  const started = Date.now();
  const render = () => {
    const w = stats.takeWindow();
    const line = progressLine(stats, spooled(), w, Date.now() - started);
    options.stream.write(tty ? `\r\x1b[2K${line}` : `${line}\n`);
  };
  const timer = setInterval(render, tty ? 1000 : (options.plainEveryMs ?? 5000));
  return {
    stop() {
      clearInterval(timer);
      if (tty) options.stream.write('\r\x1b[2K');
    },
  };
}

export function progressLine(
  stats: SimulationStats,
  spooled: number,
  window: { rate: number; p50: number; p99: number },
  elapsedMs: number,
): string {
  const retry = stats.lastRetryReason ? ` (last: ${stats.lastRetryReason})` : '';
  return (
    `simulate ${formatDuration(elapsedMs)}: generated ${stats.generated}, sent ${stats.sent}, ` +
    `acknowledged ${stats.acknowledgedCount}, rejected ${stats.rejectedCount}, ` +
    `retried ${stats.retried}${retry}, spooled ${spooled}, ${Math.round(window.rate)} records/s, ` +
    `p50 ${ms(window.p50)} p99 ${ms(window.p99)}`
  );
}

export function ms(value: number): string {
  return value >= 100 ? `${Math.round(value)}ms` : `${value.toFixed(1)}ms`;
}
