// Counts what a run spends: model calls and tokens (planning and llm steps alike), replans, step runs
// (tool calls that really ran) and steps whose output was reused from an earlier plan.

import type { RunEvent, UsageTotals } from './run-events.ts';

export class UsageMeter {
  #totals: { -readonly [K in keyof UsageTotals]: UsageTotals[K] };
  #decisions = 0;

  /** A resumed run starts from what it had spent before it stopped. */
  constructor(spent?: UsageTotals) {
    this.#totals = { llmCalls: 0, promptTokens: 0, completionTokens: 0, replans: 0, stepRuns: 0, reusedSteps: 0, ...spent };
  }

  addCall(usage: { readonly promptTokens: number; readonly completionTokens: number }): void {
    this.#totals.llmCalls++;
    this.#totals.promptTokens += usage.promptTokens;
    this.#totals.completionTokens += usage.completionTokens;
  }

  /** A new plan (full or tail). */
  addReplan(): void {
    this.#totals.replans++;
    this.#decisions++;
  }

  /** A replanning decision that makes no new plan (a retry). */
  addDecision(): void {
    this.#decisions++;
  }

  /** An event sink: step runs and reuses are counted from the events themselves. */
  readonly observe = (event: RunEvent): void => {
    if (event.kind === 'step-started') this.#totals.stepRuns++;
    else if (event.kind === 'step-succeeded' && event.reused) {
      this.#totals.stepRuns--;
      this.#totals.reusedSteps++;
    }
  };

  get totals(): UsageTotals {
    return { ...this.#totals };
  }

  /** Replanning decisions so far, retries included. */
  get decisions(): number {
    return this.#decisions;
  }
}
