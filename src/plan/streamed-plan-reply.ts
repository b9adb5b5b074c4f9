// A plan reply read as it streams, the way streamFirstPlan reads it: the step reader, the compiling
// prefix and the reply's text together. The reply is read no further than planning.maxSteps and
// planning.maxPlanBytes allow, and once it has ended the whole plan is compiled — reusing the checks
// made while it streamed when the reply is nothing but the plan that was read.

import type { ToolSpec } from '../pipeline/types.ts';
import { limitsOf, type CompileOptions } from './compile-plan.ts';
import type { CompileResult, CompiledStep, PlanLimits, PlanProblem } from './plan-types.ts';
import { createStreamedStepReader, type StreamedStepReader } from './read-streamed-steps.ts';
import { createStreamedPlanPrefix, streamedStepsDiverge, type StreamedPlanPrefix } from './streamed-plan-prefix.ts';

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
  return new PlanReply(tools, options);
}

// A class, not closures, like the prefix: no call site's inline cache keeps a finished reply alive.
class PlanReply implements StreamedPlanReply {
  readonly #limits: PlanLimits;
  readonly #reader: StreamedStepReader;
  readonly #prefix: StreamedPlanPrefix;
  // The reply as read (within planning.maxPlanBytes): to tell whether the client's text is the one the
  // reader saw, and what a repair shows of a reply that was not read to its end.
  readonly #pieces: string[] = [];
  #pastLimit: PlanProblem | undefined;
  #reply = '';
  #whole = false;
  // Steps read and not yet taken from the reader: they are parsed and checked together, once a turn.
  #waiting = 0;
  #taken = 0;

  constructor(tools: readonly ToolSpec[], options: CompileOptions) {
    this.#limits = limitsOf(options);
    this.#reader = createStreamedStepReader(this.#limits.maxPlanBytes);
    this.#prefix = createStreamedPlanPrefix(tools, options);
  }

  push(piece: string): number {
    if (this.#pastLimit) return 0;
    const read = this.#reader.push(piece);
    this.#pastLimit = this.#reader.tooLarge;
    if (this.#pastLimit) return 0;
    this.#pieces.push(piece);
    this.#waiting += read;
    // Past planning.maxSteps only if the steps waiting are steps indeed (JSON): take them to know.
    if (this.#taken + this.#waiting > this.#limits.maxSteps) this.#take();
    return read;
  }

  get pastLimit(): PlanProblem | undefined {
    return this.#pastLimit;
  }

  advance(): CompiledStep[] {
    this.#take();
    return this.#prefix.advance();
  }

  end(text?: string): { readonly reply: string; readonly compiled: CompileResult } {
    this.#take();
    const pastLimit = this.#pastLimit;
    // Joined once and compared whole: the cheapest exact check (one copy, one memory compare).
    const read = this.#pieces.join('');
    this.#pieces.length = 0;
    if (pastLimit || text === undefined) {
      this.#reply = text ?? read;
      if (!pastLimit) throw new Error('a streamed reply under its limits ended without its text');
      return { reply: this.#reply, compiled: { ok: false, problems: [pastLimit] } };
    }
    this.#reply = text;
    this.#whole = this.#reader.whole && text === read;
    return { reply: text, compiled: this.#prefix.compile(text, this.#whole) };
  }

  divergence(): PlanProblem | undefined {
    // A reply that is exactly the plan read holds no other plan; only another one is looked into.
    return this.#whole || this.#pastLimit ? undefined : streamedStepsDiverge(this.#reply, this.#prefix.accepted);
  }

  #take(): void {
    if (this.#waiting === 0) return;
    this.#waiting = 0;
    const steps = this.#reader.take();
    this.#taken += steps.length;
    this.#prefix.add(steps);
    this.#pastLimit ??= this.#prefix.tooManySteps;
  }
}
