// Every model call of a run goes through here: it is counted (calls, tokens), reported as an
// `llm-called` event, and refused before it is made once a budget is spent. A request that was sent
// and failed (an endpoint error after retries, a dropped stream) counts too, with no tokens.

import { LlmError, type CompletionRequest, type CompletionResult, type CompletionStream, type LlmClient } from '../llm/types.ts';
import type { EmitEvent } from '../events/run-events.ts';
import type { UsageMeter } from '../events/usage-meter.ts';

interface LlmBudget {
  readonly maxLlmCalls?: number;
  /** Prompt plus completion tokens, as the API reports them. */
  readonly maxTokens?: number;
}

export function checkBudget(usage: UsageMeter, budget: LlmBudget): void {
  const totals = usage.totals;
  if (budget.maxLlmCalls !== undefined && totals.llmCalls >= budget.maxLlmCalls) {
    throw new LlmError('budget', `budget exceeded: budget.maxLlmCalls is ${budget.maxLlmCalls} and the run has made ${totals.llmCalls} model call${totals.llmCalls === 1 ? '' : 's'}`);
  }
  const tokens = totals.promptTokens + totals.completionTokens;
  if (budget.maxTokens !== undefined && tokens >= budget.maxTokens) {
    throw new LlmError('budget', `budget exceeded: budget.maxTokens is ${budget.maxTokens} and the run has used ${tokens} tokens`);
  }
}

export function meterLlm(inner: LlmClient, usage: UsageMeter, emit: EmitEvent, budget: LlmBudget = {}, now: () => number = Date.now): LlmClient {
  const counted = (request: CompletionRequest, result: CompletionResult, startedAt: number) => {
    usage.addCall(result.usage);
    emit({ kind: 'llm-called', purpose: request.purpose, promptTokens: result.usage.promptTokens, completionTokens: result.usage.completionTokens, durationMs: now() - startedAt });
  };
  const noUsage: CompletionResult = { text: '', usage: { promptTokens: 0, completionTokens: 0 } };
  /** A replay with no answer, a spent budget and a missing endpoint sent nothing; any other failure was a request. */
  const sent = (error: unknown) => !(error instanceof LlmError && (error.kind === 'replay' || error.kind === 'budget' || error.unsent === true));
  const stream = inner.stream?.bind(inner);
  return {
    async complete(request) {
      checkBudget(usage, budget);
      const startedAt = now();
      let result: CompletionResult;
      try {
        result = await inner.complete(request);
      } catch (error) {
        if (sent(error)) counted(request, noUsage, startedAt);
        throw error;
      }
      counted(request, result, startedAt);
      return result;
    },
    // A streamed call is budgeted before it starts and counted once it ends, with the usage of its last
    // chunk; one the reader stopped early (a plan past its limits) was made too, and counts with no usage known.
    ...(stream
      ? {
          async *stream(request: CompletionRequest): CompletionStream {
            checkBudget(usage, budget);
            const startedAt = now();
            let settled = false;
            try {
              const result = yield* stream(request);
              settled = true;
              counted(request, result, startedAt);
              return result;
            } catch (error) {
              settled = true;
              if (sent(error)) counted(request, noUsage, startedAt);
              throw error;
            } finally {
              if (!settled) counted(request, noUsage, startedAt);
            }
          },
        }
      : {}),
  };
}
