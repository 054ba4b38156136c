import { describe, expect, it } from 'vitest';
import { postOrder } from '../../../src/check/post-order.js';

const id = (s: string): string => s;

describe('postOrder', () => {
  it('puts every node after the nodes it uses, ignoring edges to unknown nodes', () => {
    const g = new Map([
      ['a', ['b', 'c', 'x']],
      ['b', ['c']],
      ['c', []],
    ]);
    expect(postOrder(g, id)).toEqual(['c', 'b', 'a']);
  });

  it('reports each back edge with the path it closes, and still orders every node', () => {
    const g = new Map([
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a']],
    ]);
    const cycles: string[] = [];
    expect(postOrder(g, id, (path, edge) => cycles.push(`${path.join('>')}|${edge}`))).toEqual(['c', 'b', 'a']);
    expect(cycles).toEqual(['a>b>c|a']);
  });

  it('walks a chain of 100 000 nodes without exhausting the call stack', () => {
    const g = new Map(Array.from({ length: 100_000 }, (_, i) => [`n${i}`, i + 1 < 100_000 ? [`n${i + 1}`] : []] as const));
    const order = postOrder(g, id);
    expect(order[0]).toBe('n99999');
    expect(order.at(-1)).toBe('n0');
  });
});
