/**
 * A generated 50 MB upload through each dialect with bounded memory growth. The sandbox runs in a
 * child process (src/sandbox/main.ts on port 0) so that this process measures the adapter only.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LinqApi } from '../../src/upstream/index.js';
import { linqClient } from '../helpers/rig.js';

const SIZE = 50 * 1024 * 1024;
const CHUNK = 64 * 1024;
/** One immutable pattern pushed again and again: the generator itself allocates nothing. */
const PATTERN = Buffer.alloc(CHUNK, 0x5a);

let child: ChildProcess;
let url: string;
let fixtures: { groupChat: { v2Id: number; uuid: string }; primaryToken: string };

beforeAll(async () => {
  child = spawn(process.execPath, ['--import', 'tsx', 'src/sandbox/main.ts'], {
    env: { ...process.env, PORT: '0' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m?.[1]) resolve(m[1]);
    });
    child.once('exit', (code) => reject(new Error(`sandbox exited with ${code}`)));
  });
  fixtures = (await (await fetch(`${url}/__sandbox/info`)).json()) as typeof fixtures;
}, 20_000);
afterAll(() => {
  child?.kill();
});

function generated(size: number): Readable {
  let sent = 0;
  return new Readable({
    read() {
      if (sent >= size) return void this.push(null);
      const n = Math.min(CHUNK, size - sent);
      sent += n;
      this.push(n === CHUNK ? PATTERN : PATTERN.subarray(0, n));
    },
  });
}

interface Growth {
  ms: number;
  rss: number;
  heap: number;
  buffers: number;
}

/** Sends one generated upload of SIZE bytes and samples this process's memory meanwhile. */
async function measuredUpload(api: LinqApi, chatId: string): Promise<Growth> {
  const base = process.memoryUsage();
  const peak = { ...base };
  const timer = setInterval(() => {
    const m = process.memoryUsage();
    peak.rss = Math.max(peak.rss, m.rss);
    peak.heapUsed = Math.max(peak.heapUsed, m.heapUsed);
    peak.arrayBuffers = Math.max(peak.arrayBuffers, m.arrayBuffers);
  }, 5);
  const started = Date.now();
  const file = {
    filename: 'big.mp4',
    contentType: 'video/mp4',
    size: SIZE,
    stream: generated(SIZE),
  };
  try {
    const res = await api.sendMessage({ chatId, text: 'a big file', attachments: [file] });
    expect(res.message.attachments[0]?.sizeBytes).toBe(SIZE);
  } finally {
    clearInterval(timer);
  }
  const mb = (n: number) => n / 2 ** 20;
  return {
    ms: Date.now() - started,
    rss: mb(peak.rss - base.rss),
    heap: mb(peak.heapUsed - base.heapUsed),
    buffers: mb(peak.arrayBuffers - base.arrayBuffers),
  };
}

const show = (g: Growth) =>
  `${g.ms} ms, peak growth RSS ${g.rss.toFixed(1)} MB, heap ${g.heap.toFixed(1)} MB, ` +
  `array buffers ${g.buffers.toFixed(1)} MB`;

describe.each(['v2', 'v3'] as const)('%s', (dialect) => {
  it('uploads a generated 50 MB stream with bounded memory growth', async () => {
    const api: LinqApi = linqClient(url, { dialect, token: fixtures.primaryToken });
    const chatId = dialect === 'v2' ? String(fixtures.groupChat.v2Id) : fixtures.groupChat.uuid;
    try {
      // The first big upload in a process also pays one-time costs (JIT, allocator arenas),
      // the same for 50 or 100 MB; the second shows the steady state.
      const cold = await measuredUpload(api, chatId);
      const warm = await measuredUpload(api, chatId);
      console.info(`[${dialect}] 50 MB upload, first: ${show(cold)}`);
      console.info(`[${dialect}] 50 MB upload, second: ${show(warm)}`);
      expect(warm.rss).toBeLessThan(40);
      expect(cold.rss).toBeLessThan(64);
      expect(Math.max(cold.buffers, warm.buffers)).toBeLessThan(16);
    } finally {
      await api.close();
    }
  }, 30_000);
});
