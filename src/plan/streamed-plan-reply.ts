// A plan reply read as it streams, the way streamFirstPlan reads it: the step reader, the compiling
// prefix and the reply's text together. The reply is read no further than planning.maxSteps and
// planning.maxPlanBytes allow, and once it has ended the whole plan is compiled — reusing the checks
// made while it streamed when the reply is nothing but the plan that was read.

import type { ToolSpec } from '../pipeline/types.ts';
import { limitsOf, type CompileOptions } from './compile-plan.ts';
import type { CompileResult, CompiledStep, PlanProblem } from './plan-types.ts';
import { createStreamedStepReader } from './read-streamed-steps.ts';
import { createStreamedPlanPrefix, streamedStepsDiverge } from './streamed-plan-prefix.ts';

export interface StreamedPlanReply {
  /** Feed the next piece of the reply; returns how many steps it completed (parsed and checked on `advance`). */
  push(piece: string): number;
  /** Set once the reply passed planning.maxSteps or planning.maxPlanBytes: read no further, the plan is refused for it. */
  readonly pastLimit: PlanProblem | undefined;
  /** The steps that joined the compiling prefix since the last call, in plan order. */
  advance(): CompiledStep[];
  /**
   * The reply has ended (`text`, as the client returns it) or was left at a limit (no text): the
   * reply as far as it was read, and the whole plan's compile (the limit's problem, past one).
   */
  end(text?: string): { readonly reply: string; readonly compiled: CompileResult };
  /** After `end`: a problem when the reply holds another plan than the steps that joined the prefix. */
  divergence(): PlanProblem | undefined;
}

export function createStreamedPlanReply(tools: readonly ToolSpec[], options: CompileOptions = {}): StreamedPlanReply {
  const limits = limitsOf(options);
  const reader = createStreamedStepReader(limits.maxPlanBytes);
  const prefix = createStreamedPlanPrefix(tools, options);
  // The reply as read (within planning.maxPlanBytes): to tell whether the client's text is the one the
  // reader saw, and what a repair shows of a reply that was not read to its end.
  const pieces: string[] = [];
  let pastLimit: PlanProblem | undefined;
  let reply = '';
  let whole = false;
  // Steps read and not yet taken from the reader: they are parsed and checked together, once a turn.
  let waiting = 0;
  let taken = 0;
  const take = () => {
    if (waiting === 0) return;
    waiting = 0;
    const steps = reader.take();
    taken += steps.length;
    prefix.add(steps);
    pastLimit ??= prefix.tooManySteps;
  };

  return {
    push(piece) {
      if (pastLimit) return 0;
      const read = reader.push(piece);
      pastLimit = reader.tooLarge;
      if (pastLimit) return 0;
      pieces.push(piece);
      waiting += read;
      // Past planning.maxSteps only if the steps waiting are steps indeed (JSON): take them to know.
      if (taken + waiting > limits.maxSteps) take();
      return read;
    },
    get pastLimit() {
      return pastLimit;
    },
    advance() {
      take();
      return prefix.advance();
    },
    end(text) {
      take();
      const read = pieces.join('');
      pieces.length = 0;
      reply = text ?? read;
      if (pastLimit) return { reply, compiled: { ok: false, problems: [pastLimit] } };
      if (text === undefined) throw new Error('a streamed reply under its limits ended without its text');
      whole = reader.whole && text === read;
      return { reply, compiled: prefix.compile(reply, whole) };
    },
    // A reply that is exactly the plan read holds no other plan; only another one is looked into.
    divergence: () => (whole || pastLimit ? undefined : streamedStepsDiverge(reply, prefix.accepted)),
  };
}
