// What identifies a run's pipeline: a hash of the loaded pipeline (its settings, task, tools — imported
// ones included — and prompts, but not the model), so `resume` notices when what would run is no
// longer what ran.
// Positions and comments do not count: reformatting a file does not change its hash.

import type { Pipeline } from '../pipeline/types.ts';
import type { StepGraph } from '../plan/plan-types.ts';
import type { PlannedStep } from '../events/run-events.ts';
import { toolKindOf } from '../tools/tool-kinds.ts';
import { sha256Hex } from '../source/sha256.ts';

/** `modulesFrom`: where module files are read from, when `pipeline` has had its paths rewritten. */
export function pipelineHash(pipeline: Pipeline, modulesFrom: Pipeline = pipeline): string {
  // The model settings do not count: running or resuming against another model (--model, a local
  // server) is the user's call, not a changed pipeline.
  const { model: _model, warnings: _warnings, displayPath: _displayPath, ...identity } = pipeline;
  // Where a tool was declared or imported (line, column) is not what it does.
  const isPosition = (value: unknown) => value !== null && typeof value === 'object' && 'line' in value && 'col' in value && 'file' in value;
  const text = JSON.stringify(identity, (key, value: unknown) => ((key === 'source' || key === 'importedAt') && isPosition(value) ? undefined : value));
  const parts: (string | Uint8Array)[] = [text];
  // What a kind adds beyond the declaration is part of what runs too: a module tool's code, so an
  // edited module is a changed pipeline.
  for (const tool of modulesFrom.tools) {
    const extra = toolKindOf(tool).identity(tool);
    if (extra !== undefined) parts.push(`\u0000${tool.name}\u0000`, extra);
  }
  return sha256Hex(...parts);
}

/** The steps of a graph as events and the run store record them: enough to compile the plan again. */
export function plannedSteps(graph: StepGraph): PlannedStep[] {
  return graph.steps.map(({ id, action, tool, args, dependsOn, needs, untrusted }) => ({ id, action, tool, args, dependsOn, needs, ...(untrusted ? { untrusted } : {}) }));
}

/** A sortable, unique run id: 20261126-130512-4f3a. */
export function newRunId(now: Date = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `${stamp}-${sha256Hex(`${now.getTime()}-${process.pid}-${Math.random()}`).slice(0, 4)}`;
}
