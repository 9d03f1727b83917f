/**
 * Keeps the benchmark harness from rotting: CI does not run the benchmark (too noisy), but this
 * runs `bench/run.ts` for about a second per row (gateway from src/ and the ceiling, scenario 1,
 * no pinning) and checks the table it writes: real rows, positive rps, and the upstream calls
 * per operation counted at the fixture upstream.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'linq-bench-smoke-'));
const out = join(dir, 'latest.md');

interface TableRow {
  scenario: string;
  contender: string;
  connections: number;
  rps: number;
  calls: number;
  notes: string;
}

/** The rows of the results table (the report's later tables, e.g. the optimisation log, not). */
function rowsOf(markdown: string): TableRow[] {
  const lines = markdown.split('\n');
  const header = lines.findIndex((line) => line.startsWith('| scenario | contender |'));
  const end = lines.indexOf('', header);
  return lines
    .slice(header, end === -1 ? undefined : end)
    .filter((line) => /^\| s\d \|/.test(line))
    .map((line) => {
      const cells = line
        .split('|')
        .slice(1, -1)
        .map((c) => c.trim());
      return {
        scenario: cells[0] ?? '',
        contender: cells[1] ?? '',
        connections: Number(cells[2]),
        rps: Number(cells[3]),
        calls: Number(cells[7]),
        notes: cells[11] ?? '',
      };
    });
}

function runBench(): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'bench/run.ts')], {
    cwd: ROOT,
    env: {
      ...process.env,
      BENCH_GATEWAY: 'src',
      BENCH_DURATION: '1',
      BENCH_WARMUP: '0.5',
      BENCH_LATENCY_DURATION: '0',
      BENCH_CONNECTIONS: '4',
      BENCH_CONTENDERS: 'gateway,ceiling',
      BENCH_DIALECT: 'v2',
      BENCH_SCENARIOS: 's1',
      BENCH_PIN: '0',
      BENCH_OUT: out,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((done) => child.once('exit', (code) => done({ code, output })));
}

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('npm run bench (smoke)', () => {
  it('measures gateway and ceiling on scenario 1 and writes the table', async () => {
    const { code, output } = await runBench();
    expect(code, output).toBe(0);
    const report = readFileSync(out, 'utf8');
    expect(report).toMatch(/Machine: \d+ CPUs .*Node v\d+/);

    // The hand-kept optimisation log (bench/results/optimisations.md) follows the table.
    expect(report).toContain('## Optimisations');
    const rows = rowsOf(report);
    expect(rows.map((r) => `${r.scenario} ${r.contender} ${r.connections}`)).toEqual([
      's1 gateway 4',
      's1 ceiling 4',
    ]);
    for (const row of rows) {
      expect(row.rps, `${row.contender}: ${row.notes}`).toBeGreaterThan(0);
    }
    // Scenario 1 selects no chat field but its id: one page of messages, counted at the fixture
    // upstream (the ceiling); the gateway reads the chat too until chat(id:) { messages } costs
    // one call.
    expect(rows[1]?.calls).toBe(1);
    expect(rows[0]?.calls).toBeGreaterThanOrEqual(1);
    expect(rows[0]?.calls).toBeLessThanOrEqual(2);
    expect(rows[1]?.notes).toContain('same JSON as gateway');
  });
});
