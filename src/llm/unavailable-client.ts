// A model client for a run that may need no model: a fixed plan with no llm step asks nothing unless
// a step fails. Every call fails with why there is no model (no API key…), so a replan says so.

import { LlmError, type LlmClient } from './types.ts';

export function unavailableLlm(reason: string): LlmClient {
  return {
    complete: async (request) => {
      throw new LlmError('endpoint', `cannot ask the model (${request.purpose}): ${reason}`, undefined, { unsent: true });
    },
  };
}
