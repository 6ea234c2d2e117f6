import { open, readFile, unlink } from 'node:fs/promises';
import { join } from 'node:path';

const LOCK_FILE = 'lock';

/** Another live process has the spool open. */
export class SpoolLockedError extends Error {
  override readonly name = 'SpoolLockedError';
}

/**
 * One simulator per spool directory: two writers would interleave sequence numbers and each
 * resend the other's readings. The lock file holds the owner's pid; a lock whose process is gone
 * (the simulator was killed) is taken over, which is what makes restart-after-SIGKILL work
 * without manual cleanup. The same process may reopen its own spool (tests simulate restarts so).
 */
export async function acquireLock(dir: string): Promise<() => Promise<void>> {
  const path = join(dir, LOCK_FILE);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const handle = await open(path, 'wx');
      await handle.writeFile(String(process.pid));
      await handle.close();
      return () => unlink(path).catch(() => undefined);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const owner = Number((await readFile(path, 'utf8').catch(() => '')).trim());
    if (owner === process.pid) return async () => undefined;
    if (Number.isSafeInteger(owner) && owner > 0 && isAlive(owner)) {
      throw new SpoolLockedError(
        `the spool ${dir} is in use by process ${owner}; use another --spool, or delete ${path} if that process is not a simulator`,
      );
    }
    await unlink(path).catch(() => undefined); // stale: its owner died
  }
  throw new SpoolLockedError(`could not lock the spool ${dir}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
