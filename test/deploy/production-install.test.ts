// The production image's install steps, without Docker: the Dockerfile's build stage (its COPY
// list into a clean directory, `npm ci` → here the repository's node_modules, `npm pack`, whose
// prepack compiles), then its runtime stage (the unpacked tarball plus the lockfile,
// `npm ci --omit=dev`), then `node dist/src/server.js` as the image's CMD: it must answer a
// query against the standalone sandbox of the same install (production refuses the embedded
// one), serve GraphiQL's bundled assets, and exit 0 on SIGTERM.
// A runtime dependency declared as a devDependency, or a runtime file left out of the package
// ("files"), fails here.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const repo = join(import.meta.dirname, '../..');
let work = '';
let child: ChildProcess | null = null;
let sandboxChild: ChildProcess | null = null;

afterAll(async () => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  if (sandboxChild && sandboxChild.exitCode === null) sandboxChild.kill('SIGKILL');
  if (work) await rm(work, { recursive: true, force: true });
});

/** The sources the Dockerfile's build stage copies (`COPY a b ./` lines without --from). */
async function buildStageSources(): Promise<string[]> {
  const dockerfile = await readFile(join(repo, 'Dockerfile'), 'utf8');
  const build = dockerfile.split(/^FROM /m).find((stage) => / AS build\b/.test(stage)) ?? '';
  return build
    .split('\n')
    .filter((line) => /^COPY\s/.test(line) && !line.includes('--from'))
    .flatMap((line) => line.trim().split(/\s+/).slice(1, -1));
}

/** Starts the installed standalone sandbox on a free port, resolving with its URL. */
function startSandbox(cwd: string): Promise<string> {
  sandboxChild = spawn(process.execPath, ['dist/src/sandbox/main.js'], {
    cwd,
    env: { PATH: process.env.PATH, PORT: '0', HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    sandboxChild!.stdout!.on('data', (c: Buffer) => {
      output += c.toString();
      const listening = /listening on (http:\S+)/.exec(output);
      if (listening?.[1]) resolve(listening[1]);
    });
    sandboxChild!.once('exit', (code) =>
      reject(new Error(`sandbox exited with ${code}:\n${output}`)),
    );
  });
}

/** Starts the server, resolving with its URL from the "gateway ready" log line. */
function start(cwd: string, upstreamUrl: string): Promise<string> {
  child = spawn(process.execPath, ['dist/src/server.js'], {
    cwd,
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'production',
      PORT: '0',
      HOST: '127.0.0.1',
      GRAPHIQL: 'true',
      // Production refuses the embedded sandbox: the standalone one of the same install
      // (as compose.yaml runs it) stands for Linq, its demo data served to anonymous callers.
      LINQ_BASE_URL: upstreamUrl,
      LINQ_TOKEN: 'sandbox-token',
      AUTH_ANONYMOUS: 'read',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    child!.stderr!.on('data', (c: Buffer) => (output += c.toString()));
    child!.stdout!.on('data', (c: Buffer) => {
      output += c.toString();
      const ready = /"url":"(http:[^"]+)"[^\n]*gateway ready/.exec(output);
      if (ready?.[1]) resolve(ready[1]);
    });
    child!.once('exit', (code) => reject(new Error(`exited with ${code}:\n${output}`)));
  });
}

describe('production install (the Dockerfile steps without Docker)', () => {
  it(
    'packs, installs with --omit=dev, starts and answers a query',
    { timeout: 300_000 },
    async () => {
      work = await mkdtemp(join(tmpdir(), 'linq-gw-image-'));
      // Build stage.
      const src = join(work, 'build');
      await mkdir(src);
      for (const name of ['package.json', 'package-lock.json', ...(await buildStageSources())]) {
        await cp(join(repo, name), join(src, name), { recursive: true });
      }
      await symlink(join(repo, 'node_modules'), join(src, 'node_modules'), 'dir');
      const packed = await run('npm', ['pack', '--json', '--pack-destination', work], { cwd: src });
      const [pack] = JSON.parse(packed.stdout.slice(packed.stdout.indexOf('['))) as {
        filename: string;
        files: { path: string }[];
      }[];
      const paths = pack!.files.map((f) => f.path);
      expect(paths).toContain('dist/src/server.js');
      expect(
        paths.filter((p) => !/^(dist\/src\/|package\.json$|README\.md$|schema\.graphql$)/.test(p)),
      ).toEqual([]);

      // Runtime stage.
      const app = join(work, 'app');
      await mkdir(app);
      await run('tar', ['-xzf', join(work, pack!.filename), '-C', app, '--strip-components=1']);
      await cp(join(repo, 'package-lock.json'), join(app, 'package-lock.json'));
      await run('npm', ['ci', '--omit=dev', '--prefer-offline', '--no-audit', '--no-fund'], {
        cwd: app,
        env: { ...process.env, NODE_ENV: 'production' },
      });
      const installed = await readdir(join(app, 'node_modules'));
      expect(installed).not.toContain('vitest');
      expect(installed).not.toContain('typescript');

      // CMD.
      const url = await start(app, await startSandbox(app));
      const origin = new URL(url).origin;
      expect((await fetch(`${origin}/health`)).status).toBe(200);
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ phoneNumbers { number } }' }),
      });
      const body = (await res.json()) as { data?: { phoneNumbers: { number: string }[] } };
      expect(body.data?.phoneNumbers.map((p) => p.number)).toContain('+12025550101');
      const asset = await fetch(`${url}/graphiql/graphiql.js`);
      expect(asset.status).toBe(200);
      expect((await asset.arrayBuffer()).byteLength).toBeGreaterThan(100_000);

      const exited = new Promise<number | null>((resolve) => child!.once('exit', resolve));
      child!.kill('SIGTERM');
      expect(await exited).toBe(0);
    },
  );
});
