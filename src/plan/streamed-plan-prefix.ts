// Which steps of a plan still being written may run: those in the longest prefix of the steps seen so
// far that compiles on its own (so each passed every check it can pass alone, and refers only to
// steps before it). A step that does not compile yet — a reference to a later step, an unknown tool —
// holds everything from it on until the whole plan is compiled as usual. Each step is checked once,
// as it arrives, against what is kept of the steps before it (their ids, tools and levels); the final
// compile reuses those checks and adds only the whole-plan ones, so a plan of n steps costs O(n).

import type { ToolSpec } from '../pipeline/types.ts';
import { toolKindOf } from '../tools/tool-kinds.ts';
import { checkReplySize, isShallowStep, planDepthLimit, tooManySteps } from './check-plan-input.ts';
import { compilePlan, limitsOf, type CompileOptions } from './compile-plan.ts';
import { compiledStep, onceEach, StepCompilation, type CheckedStep } from './compile-steps.ts';
import { extractPlanJson } from './extract-plan-json.ts';
import { growingForeignReferenceFinder } from './foreign-references.ts';
import type { CompileResult, CompiledStep, PlanProblem } from './plan-types.ts';

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
  const limits = limitsOf(options);
  const depthLimit = planDepthLimit(limits);
  const compilation = new StepCompilation(tools, limits, options.workspace);
  const foreign = growingForeignReferenceFinder();
  const raw: unknown[] = [];
  // The prefix: the plan's first steps, compiled, found by id through the compilation's ids (an id's first step).
  const joined: CompiledStep[] = [];
  let announced = 0;
  let held = false;
  // Every step read passed the plan's structure check, so the compilation holds them all.
  let complete = true;
  let tooMany: PlanProblem | undefined;

  /** A step of the prefix by id: one of the steps before the one being joined. */
  const joinedStep = (id: string): CompiledStep | undefined => {
    const index = compilation.ids.get(id);
    return index !== undefined && index < joined.length ? joined[index] : undefined;
  };

  /** The step as the prefix's next, when it compiles with the steps before it. */
  const join = (checked: CheckedStep): CompiledStep | undefined => {
    const { step, tool, label, references } = checked;
    if (!step || !tool || checked.shapeProblems.length > 0 || checked.ownProblems.length > 0) return undefined;
    const needs: string[] = [];
    let level = 0;
    for (const reference of references) {
      const target = joinedStep(reference.stepId);
      if (!target || (reference.path.length > 0 && target.toolSpec.output !== 'json')) return undefined;
      needs.push(reference.stepId);
      level = Math.max(level, target.level + 1);
    }
    for (const dep of step.dependsOn) {
      const target = joinedStep(dep);
      if (!target) return undefined;
      needs.push(dep);
      level = Math.max(level, target.level + 1);
    }
    // Read against the steps before it: whether it has a foreign reference does not depend on itself being indexed.
    if (checked.mayHoldForeignReferences && foreign.find(label, step).length > 0) return undefined;
    const compiled = compiledStep(step, tool, onceEach(needs), references, level);
    joined.push(compiled);
    foreign.add(step);
    return compiled;
  };

  // Steps are checked when asked for (once an event-loop turn): a burst of steps is checked together.
  let checkedCount = 0;
  const check = () => {
    for (; checkedCount < raw.length; checkedCount++) {
      if (!complete) return void (checkedCount = raw.length);
      const step = raw[checkedCount];
      // Nothing walks a step nested too deep; the final compile reports it.
      if (!isShallowStep(step, depthLimit)) {
        complete = false;
        held = true;
        continue;
      }
      const checked = compilation.add(step);
      if (!held && !join(checked)) held = true;
    }
  };

  return {
    add(rawSteps) {
      for (const step of rawSteps) {
        if (tooMany) return;
        if (raw.length === limits.maxSteps) {
          tooMany = tooManySteps(`more than ${limits.maxSteps}`, limits.maxSteps);
          return;
        }
        raw.push(step);
      }
    },
    advance() {
      check();
      const steps = joined.slice(announced);
      announced = joined.length;
      return steps;
    },
    get accepted() {
      return raw.slice(0, joined.length);
    },
    get tooManySteps() {
      return tooMany;
    },
    compile(reply, whole) {
      if (!whole || tooMany || raw.length === 0) return compilePlan(reply, tools, options);
      check();
      if (!complete) return compilePlan(reply, tools, options);
      const tooLarge = checkReplySize(reply, limits.maxPlanBytes);
      return tooLarge ? { ok: false, problems: [tooLarge] } : compilation.finish([], joined);
    },
  };
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
