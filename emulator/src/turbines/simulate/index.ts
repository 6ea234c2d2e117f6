export { DurationError, formatDuration, parseDuration } from './duration.js';
export { LatencyHistogram } from './histogram.js';
export { formatSummary, writeReportJson, type SimulationReport } from './report.js';
export { runSimulation, type SimulationOptions } from './runSimulation.js';
