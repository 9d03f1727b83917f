/**
 * Summarises a V8 .cpuprofile (from `BENCH_CPU_PROF=dir npm run bench`): the functions with the
 * most self time, and the same grouped by package / source file.
 *
 *   node --import tsx bench/profile-summary.ts <file.cpuprofile | dir> [top=25]
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

function newest(path: string): string {
  if (!statSync(path).isDirectory()) return path;
  const files = readdirSync(path)
    .filter((f) => f.endsWith('.cpuprofile'))
    .map((f) => join(path, f))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  if (!files[0]) throw new Error(`no .cpuprofile in ${path}`);
  return files[0];
}

/** node_modules/<pkg> (scoped too), else the path under the project, else the URL. */
function owner(url: string): string {
  const nm = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (nm?.[1]) return nm[1];
  if (url.startsWith('node:') || url === '') return url || '(native/vm)';
  const local = /\/(dist\/src\/.*|src\/.*|bench\/.*)$/.exec(url);
  return local?.[1] ?? url;
}

export function summarise(file: string, top = 25): string {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) =>
    self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)),
  );
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const fns = new Map<string, number>();
  const owners = new Map<string, number>();
  for (const [id, us] of self) {
    const f = byId.get(id)?.callFrame;
    if (!f) continue;
    const name = `${f.functionName || '(anonymous)'} ${owner(f.url)}:${f.lineNumber + 1}`;
    fns.set(name, (fns.get(name) ?? 0) + us);
    const o = owner(f.url);
    owners.set(o, (owners.get(o) ?? 0) + us);
  }
  // Inclusive time of the project's own functions (a sample counts once per function).
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const inclusive = new Map<string, number>();
  profile.samples.forEach((leaf, i) => {
    const seen = new Set<string>();
    for (let id: number | undefined = leaf; id !== undefined; id = parent.get(id)) {
      const f = byId.get(id)?.callFrame;
      if (!f || !/\/(dist\/)?src\//.test(f.url) || f.url.includes('node_modules')) continue;
      const name = `${f.functionName || '(anonymous)'} ${owner(f.url)}:${f.lineNumber + 1}`;
      if (seen.has(name)) continue;
      seen.add(name);
      inclusive.set(name, (inclusive.get(name) ?? 0) + (profile.timeDeltas[i] ?? 0));
    }
  });
  const pct = (us: number) => `${((100 * us) / total).toFixed(1).padStart(5)} %`;
  const rank = (m: Map<string, number>) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([k, us]) => `${pct(us)}  ${k}`);
  return [
    `${file}: ${(total / 1e6).toFixed(1)} s sampled`,
    '',
    'Self time by function:',
    ...rank(fns),
    '',
    'Self time by package / file:',
    ...rank(owners),
    '',
    'Inclusive time of the project’s functions:',
    ...rank(inclusive),
  ].join('\n');
}

const [target, top] = process.argv.slice(2);
if (!target) {
  console.error('usage: bench/profile-summary.ts <file.cpuprofile | dir> [top]');
  process.exit(2);
}
console.log(summarise(newest(target), Number(top ?? 25)));
