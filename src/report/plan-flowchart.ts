// A plan as a Mermaid flowchart for Markdown reports: one node per step (labelled like
// `planexec plan --format mermaid`), an edge per dependency, each node coloured by how the step ended.

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

function label(step: FlowchartStep): string {
  const text = `${step.id}. ${step.action || step.tool} [${step.tool}]`.replace(/\s+/g, ' ');
  const short = text.length > 80 ? `${text.slice(0, 79)}…` : text;
  // Inside a quoted Mermaid label only entity codes are safe for these characters.
  return short.replace(/#/g, '#35;').replace(/"/g, '#quot;').replace(/</g, '#lt;').replace(/>/g, '#gt;');
}

/** `flowchart TD` text (no fence). Node names are positional, so any step id is safe. */
export function planFlowchart(steps: readonly FlowchartStep[], classOf: (stepId: string) => FlowchartClass | undefined = () => undefined): string {
  const nodeOf = new Map(steps.map((step, index) => [step.id, `s${index + 1}`]));
  const lines = ['flowchart TD'];
  for (const step of steps) lines.push(`  ${nodeOf.get(step.id)}["${label(step)}"]`);
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
