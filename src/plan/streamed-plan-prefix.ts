// Which steps of a plan still being written may run: those in the longest prefix of the steps seen so
// far that compiles on its own (so each passed every check it can pass alone, and refers only to
// steps before it). A step that does not compile yet — a reference to a later step, an unknown tool —
// holds everything from it on until the whole plan is compiled as usual.

import type { ToolSpec } from '../pipeline/types.ts';
import { toolKindOf } from '../tools/tool-kinds.ts';
import { compilePlan, type CompileOptions } from './compile-plan.ts';
import { extractPlanJson } from './extract-plan-json.ts';
import type { CompiledStep, PlanProblem } from './plan-types.ts';

interface StreamedPlanPrefix {
  /** Steps read from the stream (parsed JSON, not yet checked). */
  add(rawSteps: readonly unknown[]): void;
  /** The steps that joined the compiling prefix since the last call, in plan order. */
  advance(): CompiledStep[];
  /** Raw steps in the compiling prefix so far. */
  readonly accepted: readonly unknown[];
}

export function createStreamedPlanPrefix(tools: readonly ToolSpec[], options: CompileOptions = {}): StreamedPlanPrefix {
  const raw: unknown[] = [];
  let acceptedCount = 0;
  let held = false;
  return {
    add(rawSteps) {
      raw.push(...rawSteps);
    },
    advance() {
      const joined: CompiledStep[] = [];
      while (!held && acceptedCount < raw.length) {
        const compiled = compilePlan({ steps: raw.slice(0, acceptedCount + 1) }, tools, options);
        if (!compiled.ok) {
          held = true;
          break;
        }
        joined.push(compiled.graph.steps[acceptedCount]!);
        acceptedCount++;
      }
      return joined;
    },
    get accepted() {
      return raw.slice(0, acceptedCount);
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
