import { inspect } from 'node:util';
import type { Callback, Context, Handler } from 'aws-lambda';
import { withCompletion, type Completion } from './context.js';

/**
 * The seam between the gateway and "Lambda": give it an event and a context, get the function's
 * result (or a rejection when the function failed). Environment reuse, cold starts, concurrency
 * caps and timeouts belong behind this interface, so the gateway never changes for them.
 *
 * @example
 * const invoker: Invoker = new InProcessInvoker(handler);
 * const result = await invoker.invoke(event, createLambdaContext(DEFAULT_FUNCTION_SETTINGS));
 */
export interface Invoker {
  invoke(event: unknown, context: Context): Promise<unknown>;
}

/**
 * Runs a handler in this process, the way the Node.js Lambda runtime calls it:
 * `handler(event, context, callback)`. An async handler ends with its promise; a callback-style
 * handler ends when it calls `callback(error, result)` or the legacy `context.done/succeed/fail`.
 * Whichever comes first wins; later calls are ignored, as in Lambda.
 *
 * Differences from Lambda, on purpose:
 * - Lambda answers a callback as soon as the event loop is empty (`callbackWaitsForEmptyEventLoop`);
 *   a shared process never empties its loop, so the callback answers at once.
 * - A handler that declares no callback parameter and returns a non-promise gets `null`
 *   immediately: Lambda would also answer `null`, once the event loop drains.
 */
export class InProcessInvoker implements Invoker {
  constructor(private readonly handler: Handler) {}

  invoke(event: unknown, context: Context): Promise<unknown> {
    return new Promise((resolve, reject) => {
      let settled = false;
      const complete: Completion = (error, result) => {
        if (settled) return;
        settled = true;
        if (error === null || error === undefined) resolve(result);
        else reject(asError(error));
      };
      const callback: Callback = (error, result) => complete(error, result);
      let returned: unknown;
      try {
        returned = this.handler(event, withCompletion(context, complete), callback);
      } catch (err) {
        complete(err ?? new Error('Handler threw a nullish value'));
        return;
      }
      if (isThenable(returned)) {
        returned.then(
          (result) => complete(null, result),
          (err: unknown) => complete(err ?? new Error('Handler rejected with a nullish value')),
        );
      } else if (this.handler.length < 3) {
        complete(null, null);
      }
    });
  }
}

/** Lambda reports `callback('message')` and `throw 'message'` as an error with that message. */
function asError(error: unknown): Error {
  if (error instanceof Error) return error;
  return new Error(typeof error === 'string' ? error : `Handler failed with ${inspect(error)}`);
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}
