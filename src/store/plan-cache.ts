// planning.cache: an identical planning request (same messages — task, tools and prompt — and model)
// reuses the plan stored the last time it was accepted, with no model call.

import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { PlannedStep } from '../events/run-events.ts';
import { readRegularFileSync } from '../source/read-regular-file.ts';
import { sha256Hex } from '../source/sha256.ts';

/** A cached plan is one that passed planning.maxPlanBytes; this bounds what is read before that check. */
const maxCachedPlanBytes = 64 * 1024 * 1024;

interface PlanCache {
  readonly key: string;
  read(): string | undefined;
  write(steps: readonly PlannedStep[]): void;
}

export function planCacheFor(dir: string, model: string, prompt: string): PlanCache {
  const key = sha256Hex(JSON.stringify({ model, prompt }));
  const file = path.join(dir, `${key}.json`);
  return {
    key,
    read() {
      // Whatever is there that is not a regular file of a plan's size is no cached plan.
      const read = readRegularFileSync(file, maxCachedPlanBytes);
      return read.ok ? read.bytes.toString('utf8') : undefined;
    },
    write(steps) {
      const plan = { steps: steps.map(({ id, action, tool, args, dependsOn }) => ({ id, action, tool, args, ...(dependsOn.length ? { dependsOn } : {}) })) };
      // A cache is an optimisation: a run that succeeded does not fail because its plan cannot be kept
      // (the cache folder is a file, the disk is read-only); the next run asks the model again.
      try {
        mkdirSync(dir, { recursive: true });
        writeFileSync(`${file}.tmp`, `${JSON.stringify(plan, null, 2)}\n`);
        renameSync(`${file}.tmp`, file);
      } catch {
        /* not cached */
      }
    },
  };
}
