// The data-flow policy on a compiled plan: which step outputs are untrusted (a `trust: untrusted`
// tool's, and every output computed from one through a reference, an llm prompt included), and which
// arguments accepting only trusted data a reference can bring untrusted data into. One pass in plan
// order over each step's references: linear in the size of the plan.

import type { ToolSpec } from '../pipeline/types.ts';
import { ARGUMENT_ACCEPTS } from '../tools/argument-vocabulary.ts';
import { toolKindOf } from '../tools/tool-kinds.ts';
import type { OutputReference, PlanProblem, PlanStep } from './plan-types.ts';
import { scanReferences } from './references.ts';

/** How an untrusted output came to be: the untrusted tool's step it started from, and the step it came through. */
export interface TrustTrace {
  /** The step of the `trust: untrusted` tool the data comes from. */
  readonly source: string;
  /** The step whose output this one read it from; absent at the source. */
  readonly through?: string;
  /** Steps between the source and this one, the source not counted. */
  readonly depth: number;
}

/** Untrusted outputs by step id; a step not in it gives trusted output. */
export type TrustLabels = ReadonlyMap<string, TrustTrace>;

/** A step, as the check reads it. */
export interface FlowStep {
  readonly step: PlanStep;
  readonly tool: ToolSpec;
  readonly references: readonly OutputReference[];
}

/** Whether a step of this tool changes something outside the run: declared, or its kind says so (an http POST). */
export function hasSideEffects(tool: ToolSpec): boolean {
  return tool.sideEffects ?? toolKindOf(tool).streamHold(tool) !== undefined;
}

/** Whether the tool's argument `name` accepts only trusted data: `x-accepts` on it, else the tool's `accepts`, else trusted for a tool with side effects. */
export function acceptsOnlyTrusted(tool: ToolSpec, name: string): boolean {
  const properties = tool.args.properties as Readonly<Record<string, unknown>> | undefined;
  const property = properties !== undefined && properties !== null && typeof properties === 'object' && Object.hasOwn(properties, name) ? properties[name] : undefined;
  const own = property !== null && typeof property === 'object' ? (property as Record<string, unknown>)[ARGUMENT_ACCEPTS] : undefined;
  if (own === 'trusted' || own === 'any') return own === 'trusted';
  return toolAcceptsOnlyTrusted(tool);
}

function toolAcceptsOnlyTrusted(tool: ToolSpec): boolean {
  return tool.accepts === undefined ? hasSideEffects(tool) : tool.accepts === 'trusted';
}

/** Whether any argument of the tool may refuse untrusted data (so a step of it needs looking at); worked out once per tool. */
const refusing = new WeakMap<ToolSpec, boolean>();
function mayRefuseUntrusted(tool: ToolSpec): boolean {
  let refuses = refusing.get(tool);
  if (refuses === undefined) {
    const properties = tool.args.properties;
    refuses =
      toolAcceptsOnlyTrusted(tool) ||
      (properties !== null && typeof properties === 'object' && Object.values(properties).some((property) => property !== null && typeof property === 'object' && (property as Record<string, unknown>)[ARGUMENT_ACCEPTS] === 'trusted'));
    refusing.set(tool, refuses);
  }
  return refuses;
}

/** The trace of one step's output, given the labels of the steps it reads: the first untrusted reference wins. */
export function traceOf(tool: ToolSpec, stepId: string, references: readonly OutputReference[], labels: TrustLabels): TrustTrace | undefined {
  if (tool.trust === 'untrusted') return { source: stepId, depth: 0 };
  for (const reference of references) {
    const from = labels.get(reference.stepId);
    if (from !== undefined) return { source: from.source, through: reference.stepId, depth: from.depth + 1 };
  }
  return undefined;
}

/**
 * Where the step's arguments that accept only trusted data receive untrusted data, one problem per
 * argument, naming the path (`step 4 (send_mail) argument "to": untrusted data from step 1 (fetch_page)
 * via step 3 (llm)`). `toolOf` names the steps on the path.
 */
export function untrustedArguments(label: string, { step, tool, references }: FlowStep, labels: TrustLabels, toolOf: (id: string) => string | undefined): PlanProblem[] {
  if (references.length === 0 || !mayRefuseUntrusted(tool) || !references.some((reference) => labels.has(reference.stepId))) return [];
  const problems: PlanProblem[] = [];
  for (const [name, value] of Object.entries(step.args)) {
    if (!acceptsOnlyTrusted(tool, name)) continue;
    const reference = scanReferences(value).references.find((each) => labels.has(each.stepId));
    if (reference === undefined) continue;
    problems.push({
      code: 'untrusted-flow',
      stepId: step.id,
      message: `${label} argument "${name}": untrusted data from ${describePath(reference.stepId, labels, toolOf)}; an argument that accepts only trusted data may not hold the output of a trust: untrusted tool, nor anything made from it (an llm step's answer included): write it from the task and trusted outputs only`,
    });
  }
  return problems;
}

/** How many steps between the source and the sink a message names; a longer path is shortened in the middle. */
const SHOWN_ON_PATH = 6;

/** `step 1 (fetch_page) via step 3 (llm)`: the source, then the steps the data went through, nearest the source first. */
function describePath(readId: string, labels: TrustLabels, toolOf: (id: string) => string | undefined): string {
  const name = (id: string) => `step ${id}${toolOf(id) === undefined ? '' : ` (${toolOf(id)})`}`;
  const read = labels.get(readId)!;
  // Walked back from the step read, at most SHOWN_ON_PATH steps (a long chain is not walked whole for each message).
  const near: string[] = [];
  let at: string | undefined = readId;
  while (at !== undefined && at !== read.source && near.length < SHOWN_ON_PATH) {
    near.push(at);
    at = labels.get(at)!.through;
  }
  const via = near.reverse().map(name);
  const skipped = read.depth - near.length;
  if (via.length === 0) return name(read.source);
  return `${name(read.source)} via ${skipped > 0 ? `… ${skipped} more step${skipped === 1 ? '' : 's'}, ` : ''}${via.join(', ')}`;
}

/**
 * The labels of a whole plan and its untrusted flows. `order`: the steps in an order where every
 * step comes after the steps it reads (a topological order).
 */
export function checkDataFlow<Step extends FlowStep>(order: readonly Step[], labelOf: (step: Step) => string): { readonly labels: TrustLabels; readonly problems: readonly PlanProblem[] } {
  const labels = new Map<string, TrustTrace>();
  const problems: PlanProblem[] = [];
  // Tools by step id only name the steps of a path, so they are looked up only when there is one.
  let tools: Map<string, string> | undefined;
  const toolOf = (id: string) => (tools ??= new Map(order.map((each) => [each.step.id, each.tool.name]))).get(id);
  for (const each of order) {
    const { tool, step, references } = each;
    if (references.length === 0) {
      if (tool.trust === 'untrusted') labels.set(step.id, { source: step.id, depth: 0 });
      continue;
    }
    if (labels.size > 0 && mayRefuseUntrusted(tool) && references.some((reference) => labels.has(reference.stepId))) {
      for (const problem of untrustedArguments(labelOf(each), each, labels, toolOf)) problems.push(problem);
    }
    const trace = traceOf(tool, step.id, references, labels);
    if (trace !== undefined) labels.set(step.id, trace);
  }
  return { labels, problems };
}
