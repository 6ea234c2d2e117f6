export { createAuth, type AuthHeader, type AuthOptions } from './auth.js';
export { DEFAULT_BACKOFF, parseRetryAfter, retryDelay, type BackoffPolicy } from './backoff.js';
export type { UploadEvents } from './lane.js';
export type { Outcome, Rejection } from './outcome.js';
export { Spool, SpoolFullError, type SpoolEntry, type SpoolOptions } from './spool.js';
export { Uploader, type UploaderOptions } from './uploader.js';
