import { rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readOptional, tempName, writeDurably } from './commitLog.js';

const CHECKPOINT_FILE = 'generated.json';

/**
 * What the fleet has generated over the spool's whole life: the last instant each project
 * measured, how many readings that made, and the next sequence number.
 *
 * The segments are the truth (a reading and its instant are written, and fsync'd, together);
 * this file only remembers what compaction deletes. It is rewritten (temp file + rename) after
 * every appended instant, and with fsync before any segment is deleted, so on reopen the
 * checkpoint plus the surviving segments always cover every instant ever spooled: a restart
 * neither generates an instant twice nor skips one.
 */
export interface Checkpoint {
  nextSeq: number;
  /** Readings generated since the spool was created (across restarts). */
  generated: number;
  /** Per project, the last instant (ms) whose readings were spooled. */
  lastInstant: Record<string, number>;
}

export function emptyCheckpoint(): Checkpoint {
  return { nextSeq: 0, generated: 0, lastInstant: {} };
}

export async function readCheckpoint(dir: string): Promise<Checkpoint> {
  const text = await readOptional(join(dir, CHECKPOINT_FILE));
  if (!text) return emptyCheckpoint();
  const raw = JSON.parse(text) as Partial<Checkpoint>;
  return {
    nextSeq: Number.isSafeInteger(raw.nextSeq) ? raw.nextSeq! : 0,
    generated: Number.isSafeInteger(raw.generated) ? raw.generated! : 0,
    lastInstant: raw.lastInstant ?? {},
  };
}

/**
 * Serialises checkpoint writes so two renames never race. `durable` adds an fsync before the
 * rename: needed only before compaction deletes the segments the checkpoint summarises, since
 * until then the segments themselves hold the same facts.
 */
export class CheckpointWriter {
  private chain: Promise<void> = Promise.resolve();

  constructor(private readonly dir: string) {}

  write(checkpoint: Checkpoint, durable = false): Promise<void> {
    const text = JSON.stringify(checkpoint);
    this.chain = this.chain.then(async () => {
      const tmp = join(this.dir, tempName(CHECKPOINT_FILE));
      if (durable) await writeDurably(tmp, text);
      else await writeFile(tmp, text);
      await rename(tmp, join(this.dir, CHECKPOINT_FILE));
    });
    return this.chain;
  }
}
