// Which steps of a plan still being written may run: those in the longest prefix of the steps seen so
// far that compiles on its own (so each passed every check it can pass alone, and refers only to
// steps before it). A step that does not compile yet — a reference to a later step, an unknown tool —
// holds everything from it on until the whole plan is compiled as usual. Each step is checked once,
// as it arrives, against what is kept of the steps before it (their ids, tools and levels); the final
// compile reuses those checks and adds only the whole-plan ones, so a plan of n steps costs O(n).

import type { ToolSpec } from '../pipeline/types.ts';
import { toolKindOf } from '../tools/tool-kinds.ts';
import { areShallowSteps, checkReplySize, isShallowStep, planDepthLimit, tooManySteps } from './check-plan-input.ts';
import { compilePlan, limitsOf, type CompileOptions } from './compile-plan.ts';
import { compiledStep, onceEach, StepCompilation, type CheckedStep } from './compile-steps.ts';
import { traceOf, untrustedArguments, type TrustTrace } from './data-flow.ts';
import { extractPlanJson } from './extract-plan-json.ts';
import { growingForeignReferenceFinder } from './foreign-references.ts';
import type { CompileResult, CompiledStep, PlanLimits, PlanProblem } from './plan-types.ts';

export interface StreamedPlanPrefix {
  /** Steps read from the stream (parsed JSON, not yet checked). */
  add(rawSteps: readonly unknown[]): void;
  /** The steps that joined the compiling prefix since the last call, in plan order. */
  advance(): CompiledStep[];
  /** Raw steps in the compiling prefix so far. */
  readonly accepted: readonly unknown[];
  /** Set once more steps than planning.maxSteps were read: the plan is refused and need not be read further. */
  readonly tooManySteps: PlanProblem | undefined;
  /**
   * The whole plan once the reply has ended, exactly as compilePlan(reply) would find it. `whole`:
   * the reply is nothing but the plan whose steps were added (the reader's `whole`, for this very
   * text); then the checks already made are reused instead of compiling the reply again.
   */
  compile(reply: string, whole: boolean): CompileResult;
}

export function createStreamedPlanPrefix(tools: readonly ToolSpec[], options: CompileOptions = {}): StreamedPlanPrefix {
  return new CompilingPrefix(tools, options);
}

// A class, not closures: a call site that saw one prefix's closures would keep that prefix (its whole
// plan) alive in its inline cache past the young generation's collections.
class CompilingPrefix implements StreamedPlanPrefix {
  readonly #tools: readonly ToolSpec[];
  readonly #options: CompileOptions;
  readonly #limits: PlanLimits;
  readonly #depthLimit: number;
  readonly #compilation: StepCompilation;
  readonly #foreign = growingForeignReferenceFinder();
  readonly #raw: unknown[] = [];
  // The prefix: the plan's first steps, compiled, found by id through the compilation's ids (an id's first step).
  readonly #joined: CompiledStep[] = [];
  // Untrusted outputs among the joined steps: a step that would carry one into a trusted-only argument is held.
  readonly #untrusted = new Map<string, TrustTrace>();
  #announced = 0;
  #held = false;
  // Every step read passed the plan's structure check, so the compilation holds them all.
  #complete = true;
  // Steps are checked when asked for (once an event-loop turn): a burst of steps is checked together.
  #checkedCount = 0;
  // Steps before this one passed the structure check in their batch.
  #shallowUntil = 0;
  #tooMany: PlanProblem | undefined;

  constructor(tools: readonly ToolSpec[], options: CompileOptions) {
    this.#tools = tools;
    this.#options = options;
    this.#limits = limitsOf(options);
    this.#depthLimit = planDepthLimit(this.#limits);
    this.#compilation = new StepCompilation(tools, this.#limits, options);
  }

  add(rawSteps: readonly unknown[]): void {
    const from = this.#raw.length;
    for (const step of rawSteps) {
      if (this.#tooMany) return;
      if (this.#raw.length === this.#limits.maxSteps) {
        this.#tooMany = tooManySteps(`more than ${this.#limits.maxSteps}`, this.#limits.maxSteps);
        return;
      }
      this.#raw.push(step);
    }
    // Steps read together are looked at together; only a batch that fails is looked at step by step.
    if (this.#shallowUntil === from && areShallowSteps(rawSteps, this.#depthLimit)) this.#shallowUntil = this.#raw.length;
  }

  advance(): CompiledStep[] {
    this.#check();
    const steps = this.#joined.slice(this.#announced);
    this.#announced = this.#joined.length;
    return steps;
  }

  get accepted(): readonly unknown[] {
    return this.#raw.slice(0, this.#joined.length);
  }

  get tooManySteps(): PlanProblem | undefined {
    return this.#tooMany;
  }

  compile(reply: string, whole: boolean): CompileResult {
    if (!whole || this.#tooMany || this.#raw.length === 0) return compilePlan(reply, this.#tools, this.#options);
    this.#check();
    if (!this.#complete) return compilePlan(reply, this.#tools, this.#options);
    const tooLarge = checkReplySize(reply, this.#limits.maxPlanBytes);
    return tooLarge ? { ok: false, problems: [tooLarge] } : this.#compilation.finish([], this.#joined);
  }

  #check(): void {
    for (; this.#checkedCount < this.#raw.length; this.#checkedCount++) {
      if (!this.#complete) return void (this.#checkedCount = this.#raw.length);
      const step = this.#raw[this.#checkedCount];
      // Nothing walks a step nested too deep; the final compile reports it.
      if (this.#checkedCount >= this.#shallowUntil && !isShallowStep(step, this.#depthLimit)) {
        this.#complete = false;
        this.#held = true;
        continue;
      }
      const checked = this.#compilation.add(step);
      if (!this.#held && !this.#join(checked)) this.#held = true;
    }
  }

  /** A step of the prefix by id: one of the steps before the one being joined. */
  #joinedStep(id: string): CompiledStep | undefined {
    const index = this.#compilation.ids.get(id);
    return index !== undefined && index < this.#joined.length ? this.#joined[index] : undefined;
  }

  /** The step as the prefix's next, when it compiles with the steps before it. */
  #join(checked: CheckedStep): CompiledStep | undefined {
    const { step, tool, label, references } = checked;
    if (!step || !tool || checked.shapeProblems.length > 0 || checked.ownProblems.length > 0) return undefined;
    const needs: string[] = [];
    let level = 0;
    for (const reference of references) {
      const target = this.#joinedStep(reference.stepId);
      if (!target || (reference.path.length > 0 && target.toolSpec.output !== 'json')) return undefined;
      needs.push(reference.stepId);
      level = Math.max(level, target.level + 1);
    }
    for (const dep of step.dependsOn) {
      const target = this.#joinedStep(dep);
      if (!target) return undefined;
      needs.push(dep);
      level = Math.max(level, target.level + 1);
    }
    // Read against the steps before it: whether it has a foreign reference does not depend on itself being indexed.
    if (checked.mayHoldForeignReferences && this.#foreign.find(label, step).length > 0) return undefined;
    const flow = { step, tool, references };
    if (untrustedArguments(label, flow, this.#untrusted, () => undefined).length > 0) return undefined;
    const trace = traceOf(tool, step.id, references, this.#untrusted);
    if (trace !== undefined) this.#untrusted.set(step.id, trace);
    const compiled = compiledStep(step, tool, onceEach(needs), references, level, trace !== undefined);
    this.#joined.push(compiled);
    this.#foreign.add(step);
    return compiled;
  }
}

/**
 * Steps that ran while the reply streamed must be the plan's own first steps. They are, unless the
 * reply holds something the stream reader did not see the way the compiler does (a second "steps"
 * key, a second fenced plan): then the plan is refused rather than trusted.
 */
export function streamedStepsDiverge(reply: string, accepted: readonly unknown[]): PlanProblem | undefined {
  if (accepted.length === 0) return undefined;
  const extracted = extractPlanJson(reply);
  // A reply that is not a plan at all is the compiler's to report.
  if (!extracted.ok) return undefined;
  const steps = (extracted.value as { steps?: unknown } | null)?.steps;
  const same = Array.isArray(steps) && accepted.every((step, i) => JSON.stringify(step) === JSON.stringify(steps[i]));
  if (same) return undefined;
  return {
    code: 'plan-shape',
    message: 'the reply holds more than one plan (a repeated "steps" key or a second JSON object): the steps read while it streamed are not the plan found in the whole reply; send exactly one JSON object {"steps": [...]}',
  };
}

/**
 * Whether a step of this tool may start before the whole plan is checked: not when the tool says it
 * has side effects or must be confirmed, nor when its kind holds it (an http tool that does not only
 * read: method other than GET and HEAD) unless it says `sideEffects: false`.
 */
export function mayStartEarly(tool: ToolSpec): boolean {
  if (tool.confirm === true) return false;
  if (tool.sideEffects !== undefined) return !tool.sideEffects;
  return toolKindOf(tool).streamHold(tool) === undefined;
}

/** Why a step of this tool waits for the whole plan, for events and the view. */
export function heldReason(tool: ToolSpec): string {
  if (tool.confirm === true) return `tool "${tool.name}" is marked confirm: true`;
  if (tool.sideEffects === true) return `tool "${tool.name}" has side effects`;
  return `tool "${tool.name}" ${toolKindOf(tool).streamHold(tool) ?? 'sends requests, which may change things (sideEffects: false says they do not)'}`;
}
