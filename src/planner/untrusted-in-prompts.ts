// What replan, tail and fix-arguments prompts show of a step whose data is untrusted (data-flow
// policy): never its output or error text, where an injection would land, only the kind of failure.

import type { StepGraph } from '../plan/plan-types.ts';

/** Stands in for an untrusted step's output in a prompt. */
export function withheldOutput(tool: string): string {
  return `(not shown: the output of this ${tool} step is untrusted data, which planning never sees; refer to it as \${steps.<id>.output} where a step may use it)`;
}

/** Stands in for an untrusted step's error text: what kind of failure it was, in planexec's words only. */
export function withheldError(error: string): string {
  return `${failureKind(error)} (the error text is not shown: the step's data is untrusted)`;
}

export function isUntrusted(graph: StepGraph, stepId: string): boolean {
  return graph.untrusted.has(stepId);
}

/**
 * The kind of a failure from planexec's own phrasing of it. Only fixed words and numbers leave this
 * function, so nothing a tool printed (or an argument held) reaches the prompt as text.
 */
export function failureKind(error: string): string {
  const timedOut = / timed out after (\d+(?:\.\d+)?)s\b/.exec(error);
  if (timedOut) return `timed out after ${timedOut[1]}s`;
  const status = / answered (\d{3})\b/.exec(error);
  if (status) return `the request answered HTTP ${status[1]}`;
  const exit = / exited with code (\d{1,3})\b/.exec(error);
  if (exit) return `the command exited with code ${exit[1]}`;
  const killed = / was killed by (SIG[A-Z0-9]{2,8})\b/.exec(error);
  if (killed) return `the command was killed by ${killed[1]}`;
  if (/^refused\b/.test(error)) return 'refused by a planexec check before it ran';
  if (/ is not JSON| not complete JSON|not JSON \(the tool declares/.test(error)) return 'the output was not the JSON the tool declares';
  if (/\(\) of .* threw: /.test(error)) return 'the module threw an error';
  if (/ failed: /.test(error)) return 'the request could not be made (network)';
  return 'the step failed';
}
