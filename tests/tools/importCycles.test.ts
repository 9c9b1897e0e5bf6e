// No import circles (issue 13's house rule): a module graph with a circle evaluates in an order that depends on
// which module is imported first, and a schema read before its module finished is `undefined` at run time.
// Type-only imports count too: they are the first step towards a run-time circle and say the layering is wrong.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const roots = ['src', 'hub', 'main', 'devices', 'renderer', 'bin'];
const importPattern = /(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+'(\.{1,2}\/[^']+)'/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' || name.startsWith('dist') ? [] : sourceFiles(path);
    return /\.tsx?$/.test(name) && !/\.(test|spec)\.tsx?$/.test(name) ? [path] : [];
  });
}

function resolveImport(from: string, spec: string): string | null {
  const base = resolve(dirname(from), spec);
  const candidates = [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), join(base, 'index.tsx')];
  return candidates.find((path) => existsSync(path) && statSync(path).isFile()) ?? null;
}

/** Every circle in the graph, each as the list of files from its first module back to it. */
export function findCycles(graph: Map<string, string[]>): string[][] {
  const cycles: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (node: string): void => {
    state.set(node, 'open');
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      if (state.get(next) === 'open') cycles.push([...stack.slice(stack.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(node, 'done');
  };
  for (const node of graph.keys()) if (!state.has(node)) visit(node);
  return cycles;
}

describe('import circles', () => {
  it('finds a circle when there is one, and none in a line', () => {
    expect(findCycles(new Map([['a', ['b']], ['b', ['c']], ['c', ['a']]]))).toEqual([['a', 'b', 'c', 'a']]);
    expect(findCycles(new Map([['a', ['b']], ['b', ['c']], ['c', []]]))).toEqual([]);
  });

  it('the project has none', () => {
    const graph = new Map<string, string[]>();
    for (const file of roots.filter((root) => existsSync(root)).flatMap(sourceFiles)) {
      const text = readFileSync(file, 'utf8');
      const targets = [...text.matchAll(importPattern)].flatMap((m) => {
        const target = resolveImport(file, m[1] ?? '');
        return target ? [relative(process.cwd(), target)] : [];
      });
      graph.set(relative(process.cwd(), file), targets);
    }
    expect(graph.size).toBeGreaterThan(100);
    expect(graph.get('hub/app.ts')).toContain('hub/routes/index.ts'); // the reading really follows imports
    expect(findCycles(graph).map((cycle) => cycle.join(' → '))).toEqual([]);
  });
});
