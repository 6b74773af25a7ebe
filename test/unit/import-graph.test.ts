import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';

const ROOT = resolve(__dirname, '../..');
const SCANNED = ['src', 'workers', 'config'];

/** One import of one module by another: the importing file (from the root) and the specifier as written. */
interface Import {
  file: string;
  specifier: string;
}
/** "from -> to" between top-level units, with every import that makes it. */
type Edges = Map<string, Import[]>;

/**
 * The top-level unit a path belongs to: a folder of src/ ("src/data"), a file directly in src/ ("src/errors"),
 * or workers/ or config/ as a whole. Null outside them.
 */
function unitOf(path: string): string | null {
  const parts = relative(ROOT, path).split(sep);
  if (parts[0] === 'workers' || parts[0] === 'config') return parts[0];
  if (parts[0] !== 'src' || parts.length < 2) return null;
  return `src/${parts[1]!.replace(/\.[cm]?[jt]sx?$/, '')}`;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.[cm]?tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

/**
 * Every project import between two units, read with the TypeScript compiler's own pre-processor: static
 * `import … from`, `import type`, `export … from`, `import()` and `require()`. Package imports are not edges.
 */
function unitEdges(): Edges {
  const edges: Edges = new Map();
  for (const file of SCANNED.flatMap((dir) => sourceFiles(join(ROOT, dir)))) {
    const from = unitOf(file)!;
    const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    for (const { fileName: specifier } of importedFiles) {
      if (!specifier.startsWith('.')) continue;
      const to = unitOf(resolve(dirname(file), specifier));
      if (to === null || to === from) continue;
      const key = `${from} -> ${to}`;
      edges.set(key, [...(edges.get(key) ?? []), { file: relative(ROOT, file), specifier }]);
    }
  }
  return edges;
}

/** The groups of units that reach each other through imports (strongly connected components of two or more). */
function unitCycles(edges: Iterable<string>): string[][] {
  const next = new Map<string, string[]>();
  for (const edge of edges) {
    const [from, to] = edge.split(' -> ') as [string, string];
    next.set(from, [...(next.get(from) ?? []), to]);
    if (!next.has(to)) next.set(to, []);
  }
  // Tarjan's algorithm.
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const groups: string[][] = [];
  const visit = (unit: string): void => {
    index.set(unit, index.size);
    low.set(unit, index.get(unit)!);
    stack.push(unit);
    onStack.add(unit);
    for (const to of next.get(unit)!) {
      if (!index.has(to)) {
        visit(to);
        low.set(unit, Math.min(low.get(unit)!, low.get(to)!));
      } else if (onStack.has(to)) {
        low.set(unit, Math.min(low.get(unit)!, index.get(to)!));
      }
    }
    if (low.get(unit) !== index.get(unit)) return;
    const group: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      group.push(member);
    } while (member !== unit);
    if (group.length > 1) groups.push(group.sort());
  };
  for (const unit of [...next.keys()].sort()) if (!index.has(unit)) visit(unit);
  return groups;
}

/** Each edge with the imports that make it, one per line, for a failure message that names the files. */
function listing(edges: Edges, keys: string[]): string {
  return keys
    .sort()
    .map((key) =>
      [key, ...edges.get(key)!.map(({ file, specifier }) => `    ${file}: '${specifier}'`)].join('\n'),
    )
    .join('\n');
}

describe('the import graph of src/, workers/ and config/', () => {
  const edges = unitEdges();

  test('is read from the sources: data imports the posting contract from domain', () => {
    expect(edges.get('src/data -> src/domain')).toEqual(
      expect.arrayContaining([{ file: 'src/data/posting.schema.ts', specifier: '../domain/posting' }]),
    );
  });

  test('no two top-level units import each other', () => {
    const mutual = [...edges.keys()].filter((key) => {
      const [from, to] = key.split(' -> ');
      return edges.has(`${to} -> ${from}`);
    });
    expect(listing(edges, mutual)).toBe('');
  });

  test('has no cycle between top-level units', () => {
    const inCycles = unitCycles(edges.keys()).flatMap((group) =>
      [...edges.keys()].filter((key) => key.split(' -> ').every((unit) => group.includes(unit))),
    );
    expect(listing(edges, inCycles)).toBe('');
  });

  test('src/domain imports nothing else of the project', () => {
    const outOfDomain = [...edges.keys()].filter((key) => key.startsWith('src/domain -> '));
    expect(listing(edges, outOfDomain)).toBe('');
  });
});

describe('finding cycles between units', () => {
  test('a chain through three units is one cycle; units only leading into it are not part of it', () => {
    expect(unitCycles(['a -> b', 'b -> c', 'c -> a', 'd -> a', 'c -> e'])).toEqual([['a', 'b', 'c']]);
  });

  test('an acyclic graph has none', () => {
    expect(unitCycles(['a -> b', 'a -> c', 'b -> c'])).toEqual([]);
  });
});
