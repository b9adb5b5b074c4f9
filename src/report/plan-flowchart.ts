// A plan as a Mermaid flowchart: one node per step, an edge per dependency, and for reports each node
// coloured by how the step ended. The one Mermaid renderer: `planexec plan --format mermaid`, the
// approval prompt and the GitHub step summary all draw plans with it.

import { visibleText } from '../source/visible-text.ts';

export interface FlowchartStep {
  readonly id: string;
  readonly action: string;
  readonly tool: string;
  readonly needs: readonly string[];
}

/** Colour classes; a step with no class (not run) keeps Mermaid's default look. */
export type FlowchartClass = 'succeeded' | 'kept' | 'failed' | 'stopped';

const classStyles: Readonly<Record<FlowchartClass, string>> = {
  succeeded: 'fill:#dcfce7,stroke:#16a34a,color:#14532d',
  kept: 'fill:#e0f2fe,stroke:#0284c7,color:#0c4a6e',
  failed: 'fill:#fee2e2,stroke:#dc2626,color:#7f1d1d',
  stopped: 'fill:#f3f4f6,stroke:#9ca3af,color:#4b5563',
};

/** A step as one line of plain text, at most 80 characters: model-written actions may hold newlines and control characters (shown escaped). */
export function stepLabel(step: FlowchartStep): string {
  const text = visibleText(`${step.id}. ${step.action || step.tool} [${step.tool}]`.replace(/\s+/g, ' ').trim());
  return text.length > 80 ? `${text.slice(0, 79)}…` : text;
}

/** Inside a quoted Mermaid label only entity codes are safe for these characters; `#` first, as it starts one. */
function mermaidText(text: string): string {
  return text.replace(/#/g, '#35;').replace(/"/g, '#quot;').replace(/</g, '#lt;').replace(/>/g, '#gt;');
}

/** `flowchart TD` text (no fence). Nodes are named by position, so ids like "a-b" and "a_b" stay apart. */
export function planFlowchart(steps: readonly FlowchartStep[], classOf: (stepId: string) => FlowchartClass | undefined = () => undefined): string {
  const nodeOf = new Map(steps.map((step, index) => [step.id, `s${index + 1}`]));
  const lines = ['flowchart TD'];
  for (const step of steps) lines.push(`  ${nodeOf.get(step.id)}["${mermaidText(stepLabel(step))}"]`);
  for (const step of steps) {
    for (const need of step.needs) {
      const from = nodeOf.get(need);
      if (from !== undefined) lines.push(`  ${from} --> ${nodeOf.get(step.id)}`);
    }
  }
  const byClass = new Map<FlowchartClass, string[]>();
  for (const step of steps) {
    const cls = classOf(step.id);
    if (cls !== undefined) byClass.set(cls, [...(byClass.get(cls) ?? []), nodeOf.get(step.id)!]);
  }
  for (const [cls, nodes] of byClass) lines.push(`  classDef ${cls} ${classStyles[cls]}`, `  class ${nodes.join(',')} ${cls}`);
  return `${lines.join('\n')}\n`;
}
