// Graph algorithms over step dependencies: topological order, levels, cycles. Linear in steps + edges,
// iterative (no recursion), so plans of tens of thousands of steps cannot overflow the stack.

interface GraphOrder {
  /** Topological order, or undefined when the graph has a cycle. */
  readonly order?: readonly string[];
  /** Dependency level of each step (0 = no dependencies); only when there is an order. */
  readonly levels?: ReadonlyMap<string, number>;
  /** Cycles found, each spelled as ids with the first repeated at the end: ['3', '5', '3']. */
  readonly cycles: readonly string[][];
}

/** `needs` maps every step id (in plan order) to the ids it waits for; all ids must be keys. */
export function orderSteps(needs: ReadonlyMap<string, readonly string[]>, maxCycles = 10): GraphOrder {
  const dependents = new Map<string, string[]>();
  const waiting = new Map<string, number>();
  for (const [id, deps] of needs) {
    waiting.set(id, deps.length);
    for (const dep of deps) {
      let list = dependents.get(dep);
      if (!list) dependents.set(dep, (list = []));
      list.push(id);
    }
  }
  const order: string[] = [];
  const levels = new Map<string, number>();
  for (const [id, count] of waiting) {
    if (count === 0) {
      order.push(id);
      levels.set(id, 0);
    }
  }
  for (let head = 0; head < order.length; head++) {
    const id = order[head]!;
    const level = levels.get(id)!;
    for (const dependent of dependents.get(id) ?? []) {
      levels.set(dependent, Math.max(levels.get(dependent) ?? 0, level + 1));
      const remaining = waiting.get(dependent)! - 1;
      waiting.set(dependent, remaining);
      if (remaining === 0) order.push(dependent);
    }
  }
  if (order.length === needs.size) return { order, levels, cycles: [] };

  const unordered = new Set([...needs.keys()].filter((id) => waiting.get(id)! > 0));
  return { cycles: findCycles(needs, unordered, maxCycles) };
}

/** Iterative DFS over the steps Kahn's algorithm could not order; each back edge closes a cycle. */
function findCycles(needs: ReadonlyMap<string, readonly string[]>, candidates: ReadonlySet<string>, maxCycles: number): string[][] {
  const cycles: string[][] = [];
  const seen = new Set<string>();
  const state = new Map<string, 'open' | 'done'>();
  for (const root of candidates) {
    if (state.has(root)) continue;
    const stack: { id: string; next: number }[] = [{ id: root, next: 0 }];
    const onPath: string[] = [root];
    state.set(root, 'open');
    while (stack.length > 0 && cycles.length < maxCycles) {
      const frame = stack[stack.length - 1]!;
      const deps = (needs.get(frame.id) ?? []).filter((dep) => candidates.has(dep));
      if (frame.next >= deps.length) {
        state.set(frame.id, 'done');
        stack.pop();
        onPath.pop();
        continue;
      }
      const dep = deps[frame.next++]!;
      const depState = state.get(dep);
      if (depState === 'open') {
        // The path from dep to here, then back to dep: dependencies point backwards, so reverse for reading order.
        const cycle = onPath.slice(onPath.indexOf(dep)).reverse();
        const key = [...cycle].sort().join('\u0000');
        if (!seen.has(key)) {
          seen.add(key);
          cycles.push(rotateToSmallest([...cycle]));
        }
      } else if (depState === undefined) {
        state.set(dep, 'open');
        stack.push({ id: dep, next: 0 });
        onPath.push(dep);
      }
    }
  }
  return cycles;
}

/** Start a cycle at its first-written step so messages are stable, and close it: 3 → 5 → 3. */
function rotateToSmallest(cycle: string[]): string[] {
  let start = 0;
  cycle.forEach((id, index) => {
    if (compareIds(id, cycle[start]!) < 0) start = index;
  });
  const rotated = [...cycle.slice(start), ...cycle.slice(0, start)];
  return [...rotated, rotated[0]!];
}

function compareIds(a: string, b: string): number {
  const na = Number(a);
  const nb = Number(b);
  if (Number.isInteger(na) && Number.isInteger(nb)) return na - nb;
  return a < b ? -1 : a > b ? 1 : 0;
}
