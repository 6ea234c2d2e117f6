export type Outcome<T> = { timedOut: false; value: T } | { timedOut: true };

/**
 * Waits for `work` at most `ms`. A rejection passes through; once the time is up, whatever `work`
 * does later is ignored (and never becomes an unhandled rejection). It cannot stop `work`: nothing
 * in one process can interrupt a running JavaScript function.
 */
export function within<T>(work: Promise<T>, ms: number): Promise<Outcome<T>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => resolve({ timedOut: true }), ms);
    work.then(
      (value) => {
        clearTimeout(timer);
        resolve({ timedOut: false, value });
      },
      (err: unknown) => {
        clearTimeout(timer);
        reject(err);
      },
    );
  });
}
