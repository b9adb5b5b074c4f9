// One pipeline test: run the pipeline offline from the test's recording (never a live model), with no
// run store and no plan cache, and judge the run; a recording that no longer fits is a stale verdict.

import { createReplayClient } from '../llm/recording.ts';
import { LlmError, type LlmClient } from '../llm/types.ts';
import { unavailableLlm } from '../llm/unavailable-client.ts';
import { rerecordCommand } from '../pipeline/rerecord-command.ts';
import type { Pipeline, PipelineTest } from '../pipeline/types.ts';
import { checkTestExpectations } from './check-test-expectations.ts';
import type { RunOutcome } from './outcome.ts';
import { runPipeline } from './run-pipeline.ts';

export interface TestVerdict {
  readonly pipeline: string;
  readonly file: string;
  readonly name: string;
  readonly line: number;
  readonly passed: boolean;
  /** One sentence per broken expectation (empty when passed). */
  readonly problems: readonly string[];
  /** Set when the recording has no answer for what the run asked: the prompt changed since it was made. */
  readonly stale?: { readonly detail: string; readonly rerecord: string };
  readonly status?: RunOutcome['status'];
  readonly llmCalls: number;
  readonly durationMs: number;
}

export interface PipelineTestOptions {
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly signal?: AbortSignal;
  readonly now?: () => Date;
}

export async function runPipelineTest(pipeline: Pipeline, test: PipelineTest, options: PipelineTestOptions = {}): Promise<TestVerdict> {
  const cwd = options.cwd ?? process.cwd();
  const now = options.now ?? (() => new Date());
  const started = now().getTime();
  const base = { pipeline: pipeline.name, file: pipeline.displayPath, name: test.name, line: test.line };
  if (test.replay === undefined) {
    // A fixed plan with no recording: the test says the run needs none, so any model call fails it.
    const llm = unavailableLlm(`the test "${test.name}" has no recording (replay:), and this run needs one`);
    return judge(await runTest(pipeline, test, llm, { ...options, cwd, now }), test, base, started, now);
  }
  const replayFile = test.replay;
  const rerecord = rerecordCommand(pipeline, { ...test, replay: replayFile }, cwd);
  let replay: LlmClient;
  try {
    replay = await createReplayClient(replayFile);
  } catch (error) {
    if (!(error instanceof LlmError)) throw error;
    return { ...base, passed: false, problems: [`${error.message}; record it with: ${rerecord}`], llmCalls: 0, durationMs: now().getTime() - started };
  }
  // The first answer the recording lacks: later ones follow from it (a failed llm step, then a replan).
  let unmatched: LlmError | undefined;
  const llm: LlmClient = {
    async complete(request) {
      try {
        return await replay.complete(request);
      } catch (error) {
        if (error instanceof LlmError && error.kind === 'replay') unmatched ??= error;
        throw error;
      }
    },
  };
  const outcome = await runTest(pipeline, test, llm, { ...options, cwd, now });
  if (unmatched !== undefined) {
    const why = /already served/.test(unmatched.message) ? 'the run asks the model more often than the recorded run did' : 'the prompt changed since it was recorded';
    const problem = `stale recording: ${shownPath(replayFile, cwd)} has no answer for a request this run made (${why}); re-record with: ${rerecord}`;
    // The replay error ends with a bare `--record <file>` hint; the full command replaces it.
    const detail = `${unmatched.message.replace(/(\n {2}|; )re-record with --record .*$/s, '')}\n  re-record with: ${rerecord}`;
    return { ...base, status: outcome.status, llmCalls: outcome.usage.llmCalls, durationMs: now().getTime() - started, passed: false, problems: [problem], stale: { detail, rerecord } };
  }
  return judge(outcome, test, base, started, now);
}

/** The run of a test: offline, with no run store and no plan cache, plans approved as `run --yes` would. */
function runTest(pipeline: Pipeline, test: PipelineTest, llm: LlmClient, options: PipelineTestOptions & { readonly cwd: string; readonly now: () => Date }): Promise<RunOutcome> {
  return runPipeline(pipeline, {
    llm,
    inputs: test.inputs,
    cwd: options.cwd,
    ...(options.env ? { env: options.env } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    now: options.now,
    approve: async () => true,
  });
}

function judge(outcome: RunOutcome, test: PipelineTest, base: Pick<TestVerdict, 'pipeline' | 'file' | 'name' | 'line'>, started: number, now: () => Date): TestVerdict {
  const problems = checkTestExpectations(test.expect, outcome);
  return { ...base, status: outcome.status, llmCalls: outcome.usage.llmCalls, durationMs: now().getTime() - started, passed: problems.length === 0, problems };
}

function shownPath(file: string, cwd: string): string {
  return file.startsWith(`${cwd}/`) ? file.slice(cwd.length + 1) : file;
}
