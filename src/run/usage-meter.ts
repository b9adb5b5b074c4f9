// Counts what a run spends: model calls and tokens (planning and llm steps alike), replans, step runs.

import type { TokenUsage } from '../llm/types.ts';
import type { UsageTotals } from './events.ts';

export class UsageMeter {
  #totals = { llmCalls: 0, promptTokens: 0, completionTokens: 0, replans: 0, stepRuns: 0 };

  addCall(usage: TokenUsage): void {
    this.#totals.llmCalls++;
    this.#totals.promptTokens += usage.promptTokens;
    this.#totals.completionTokens += usage.completionTokens;
  }

  addReplan(): void {
    this.#totals.replans++;
  }

  addStepRuns(count: number): void {
    this.#totals.stepRuns += count;
  }

  get totals(): UsageTotals {
    return { ...this.#totals };
  }
}
