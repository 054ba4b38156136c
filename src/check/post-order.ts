// Checking support: a dependency graph's nodes in post-order (each after the nodes it uses), by a
// depth-first walk with an explicit stack so a chain of thousands of nodes cannot exhaust the call
// stack. Used for the evaluation order (resolve.ts) and the order of defines (session.ts).

/**
 * Every key of `graph`, each after the keys its edges lead to; roots in the map's order. Edges to
 * nodes not in `graph` are ignored. An edge back to a node still on the walk's path is a cycle:
 * `onCycle` gets the path from that node to the current one and the edge, and the edge is not
 * followed (so the order still holds every node).
 */
export function postOrder<E>(
  graph: ReadonlyMap<string, readonly E[]>,
  targetOf: (edge: E) => string,
  onCycle?: (path: readonly string[], edge: E) => void,
): string[] {
  const state = new Map<string, 'open' | 'done'>();
  const order: string[] = [];
  for (const root of graph.keys()) {
    if (state.has(root)) continue;
    const stack: string[] = [root];
    const next: number[] = [0];
    state.set(root, 'open');
    while (stack.length > 0) {
      const top = stack.length - 1;
      const node = stack[top] as string;
      const edges = graph.get(node) ?? [];
      const i = next[top] as number;
      if (i < edges.length) {
        next[top] = i + 1;
        const edge = edges[i] as E;
        const target = targetOf(edge);
        if (!graph.has(target)) continue;
        const s = state.get(target);
        if (s === 'open') onCycle?.(stack.slice(stack.indexOf(target)), edge);
        else if (s === undefined) {
          state.set(target, 'open');
          stack.push(target);
          next.push(0);
        }
        continue;
      }
      stack.pop();
      next.pop();
      state.set(node, 'done');
      order.push(node);
    }
  }
  return order;
}
