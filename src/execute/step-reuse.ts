// Outputs of tool calls that already succeeded in an earlier plan of the same run, keyed by tool and
// final arguments, so a replanned step that repeats a finished one unchanged is not run again.
// Only earlier plans count: two identical calls inside one plan both run, as the plan says.

import { canonicalJson } from '../source/canonical-json.ts';

export class StepReuse {
  readonly #earlier = new Map<string, unknown>();
  readonly #current = new Map<string, unknown>();

  static key(tool: string, args: unknown): string {
    return `${tool}\u0000${canonicalJson(args)}`;
  }

  /** The output of an identical call from an earlier plan, if there was one. */
  lookup(tool: string, args: unknown): { readonly output: unknown } | undefined {
    const key = StepReuse.key(tool, args);
    return this.#earlier.has(key) ? { output: this.#earlier.get(key) } : undefined;
  }

  record(tool: string, args: unknown, output: unknown): void {
    this.#current.set(StepReuse.key(tool, args), output);
  }

  /** A side effect happened: nothing recorded so far may be reused. */
  forget(): void {
    this.#earlier.clear();
    this.#current.clear();
  }

  /** Called when a new plan starts: what the last plan did becomes reusable. */
  nextPlan(): void {
    for (const [key, output] of this.#current) this.#earlier.set(key, output);
    this.#current.clear();
  }
}
