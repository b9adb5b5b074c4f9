// A ToolContext for runner and executor tests: no model, the test process's environment.

import { expect } from 'vitest';
import { ToolError, type ToolContext } from '../../src/tools/tool-call.ts';

export function testToolContext(overrides: Partial<ToolContext> = {}): ToolContext {
  return {
    signal: new AbortController().signal,
    cwd: process.cwd(),
    llm: { complete: async () => ({ text: 'model answer', usage: { promptTokens: 1, completionTokens: 1 } }) },
    model: { name: 'test-model', apiKeyEnv: 'OPENAI_API_KEY', maxRetries: 0, timeoutMs: 1000 },
    maxOutputBytes: 1024 * 1024,
    timeoutMs: 10_000,
    env: process.env,
    ...overrides,
  };
}

/** The ToolError a tool call fails with; fails the test when the call succeeds or throws anything else. */
export async function failureOf(promise: Promise<unknown>): Promise<ToolError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(ToolError);
    return error as ToolError;
  }
  throw new Error('expected the tool call to fail');
}
