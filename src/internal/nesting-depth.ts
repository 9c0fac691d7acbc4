// How deep a value nests, measured without recursion, so a hostile value cannot overflow the stack
// of the code that measures it (issue 11).

interface Frame {
  readonly node: object;
  readonly children: readonly unknown[];
  next: number;
  /** The greatest nesting depth of the children finished so far (0: none, or only scalars). */
  deepest: number;
}

function childrenOf(node: object): unknown[] {
  return Array.isArray(node) ? node : Object.values(node);
}

const isContainer = (value: unknown): value is object => value !== null && typeof value === 'object';

/**
 * Whether `value` nests arrays and objects more than `limit` levels deep (`1` and `"a"` are 0 deep,
 * `[]` and `{}` 1, `[[1]]` 2). Iterative and stopping as soon as the limit is passed; a value that
 * contains itself counts as too deep, and a shared sub-value is measured once.
 *
 * @example
 * ```ts
 * isNestedDeeperThan(JSON.parse('[[[1]]]'), 2); // true
 * isNestedDeeperThan({ a: { b: 1 } }, 2); // false
 * ```
 */
export function isNestedDeeperThan(value: unknown, limit: number): boolean {
  if (!isContainer(value)) return false;
  if (limit < 1) return true;
  const depths = new Map<object, number>();
  const onPath = new Set<object>([value]);
  const stack: Frame[] = [{ node: value, children: childrenOf(value), next: 0, deepest: 0 }];
  while (stack.length > 0) {
    const frame = stack[stack.length - 1] as Frame;
    if (frame.next < frame.children.length) {
      const child = frame.children[frame.next];
      frame.next += 1;
      if (!isContainer(child)) continue;
      if (onPath.has(child)) return true;
      const known = depths.get(child);
      if (known !== undefined) {
        if (stack.length + known > limit) return true;
        frame.deepest = Math.max(frame.deepest, known);
        continue;
      }
      if (stack.length + 1 > limit) return true;
      onPath.add(child);
      stack.push({ node: child, children: childrenOf(child), next: 0, deepest: 0 });
      continue;
    }
    stack.pop();
    onPath.delete(frame.node);
    const depth = frame.deepest + 1;
    depths.set(frame.node, depth);
    const parent = stack[stack.length - 1];
    if (parent !== undefined) parent.deepest = Math.max(parent.deepest, depth);
  }
  return false;
}
