// Where a run's tool calls execute. In this process by default; a backend (a queue of workers) takes
// over only the call itself, while the executor keeps scheduling, filling in references, checking
// arguments, retrying and emitting events.

import type { ToolRunner } from '../tools/tool-call.ts';

export interface StepBackend {
  /** The call function for one run; its calls carry `context.step` (plan number and step id). */
  readonly runToolFor: (runId: string) => ToolRunner;
  /** Releases connections; calls still waiting are failed. */
  readonly close: () => Promise<void>;
}
