// The compiled plan as people review it (`planexec plan --format`, the approval prompt): JSON (steps
// with resolved dependencies and levels), a Mermaid flowchart (plan-flowchart.ts), or Graphviz DOT.

import { visibleJson } from '../source/visible-text.ts';
import { planFlowchart, stepLabel, type FlowchartStep } from './plan-flowchart.ts';

export type GraphFormat = 'json' | 'mermaid' | 'dot';

/** What a review shows of a compiled plan (plan/'s StepGraph); report/ reads plans, it does not compile them. */
export interface ReviewedGraph {
  readonly steps: readonly (FlowchartStep & { readonly args: Readonly<Record<string, unknown>>; readonly level: number })[];
  readonly order: readonly string[];
  readonly criticalPathLength: number;
}

/**
 * The graph as shown to someone: `redact` applied to each step's action and every string of its
 * arguments (keys and numbers as they are), before anything is escaped or cut for display.
 */
export function maskedGraph(graph: ReviewedGraph, redact: (text: string) => string): ReviewedGraph {
  const maskArgs = (args: Readonly<Record<string, unknown>>) => JSON.parse(JSON.stringify(args), (_key, value: unknown) => (typeof value === 'string' ? redact(value) : value)) as Record<string, unknown>;
  return { ...graph, steps: graph.steps.map((step) => ({ ...step, action: redact(step.action), args: maskArgs(step.args) })) };
}

function graphToJson(graph: ReviewedGraph): object {
  return {
    steps: graph.steps.map((step) => ({
      id: step.id,
      action: step.action,
      tool: step.tool,
      args: step.args,
      needs: step.needs,
      level: step.level,
    })),
    order: graph.order,
    criticalPathLength: graph.criticalPathLength,
  };
}

function graphToMermaid(graph: ReviewedGraph): string {
  return planFlowchart(graph.steps);
}

function graphToDot(graph: ReviewedGraph): string {
  const quote = (text: string) => JSON.stringify(text);
  const lines = ['digraph plan {', '  rankdir=TB;', '  node [shape=box];'];
  for (const step of graph.steps) lines.push(`  ${quote(step.id)} [label=${quote(stepLabel(step))}];`);
  for (const step of graph.steps) for (const need of step.needs) lines.push(`  ${quote(need)} -> ${quote(step.id)};`);
  lines.push('}');
  return `${lines.join('\n')}\n`;
}

export function renderGraph(graph: ReviewedGraph, format: GraphFormat): string {
  switch (format) {
    case 'json':
      return `${visibleJson(graphToJson(graph), 2)}\n`;
    case 'mermaid':
      return graphToMermaid(graph);
    case 'dot':
      return graphToDot(graph);
  }
}
