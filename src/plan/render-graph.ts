// The compiled plan as people review it: JSON (steps with resolved dependencies and levels),
// a Mermaid flowchart, or Graphviz DOT.

import type { StepGraph } from './plan-types.ts';

export type GraphFormat = 'json' | 'mermaid' | 'dot';

export function graphToJson(graph: StepGraph): object {
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

/** One line of plain text: model-written actions may hold newlines and control characters. */
function label(step: StepGraph['steps'][number]): string {
  const text = `${step.id}. ${step.action || step.tool} [${step.tool}]`.replace(/[\u0000-\u001f\u007f-\u009f\s]+/g, ' ').trim();
  return text.length > 80 ? `${text.slice(0, 79)}…` : text;
}

export function graphToMermaid(graph: StepGraph): string {
  // Nodes are named by position: ids like "a-b" and "a_b" must not become the same node.
  const position = new Map(graph.steps.map((step, index) => [step.id, index + 1]));
  const node = (id: string) => `s${position.get(id)}`;
  // Mermaid labels in quotes; escape quotes and angle brackets as entities.
  const escape = (text: string) => text.replace(/"/g, '#quot;').replace(/</g, '#lt;').replace(/>/g, '#gt;');
  const lines = ['flowchart TD'];
  for (const step of graph.steps) lines.push(`  ${node(step.id)}["${escape(label(step))}"]`);
  for (const step of graph.steps) for (const need of step.needs) lines.push(`  ${node(need)} --> ${node(step.id)}`);
  return `${lines.join('\n')}\n`;
}

export function graphToDot(graph: StepGraph): string {
  const quote = (text: string) => JSON.stringify(text);
  const lines = ['digraph plan {', '  rankdir=TB;', '  node [shape=box];'];
  for (const step of graph.steps) lines.push(`  ${quote(step.id)} [label=${quote(label(step))}];`);
  for (const step of graph.steps) for (const need of step.needs) lines.push(`  ${quote(need)} -> ${quote(step.id)};`);
  lines.push('}');
  return `${lines.join('\n')}\n`;
}

export function renderGraph(graph: StepGraph, format: GraphFormat): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(graphToJson(graph), null, 2)}\n`;
    case 'mermaid':
      return graphToMermaid(graph);
    case 'dot':
      return graphToDot(graph);
  }
}
