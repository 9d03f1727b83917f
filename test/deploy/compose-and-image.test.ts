// compose.yaml and the Dockerfile, read as data (no Docker engine here): two gateway instances
// behind the proxy sharing one Redis, only settings the gateway reads; the image runs as a
// non-root user with node as PID 1 and a HEALTHCHECK on /health.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');
const read = (path: string) => readFileSync(join(root, path), 'utf8');

interface Service {
  image?: string;
  build?: string;
  command?: string[];
  environment?: Record<string, string>;
  depends_on?: Record<string, unknown> | string[];
  volumes?: string[];
}
const compose = parse(read('compose.yaml'), { merge: true }) as {
  services: Record<string, Service>;
};
const documented = new Set(
  [...read('README.md').matchAll(/^\| `([A-Z0-9_]+)` \|/gm)].map((m) => m[1]),
);

describe('compose.yaml', () => {
  const gateways = Object.entries(compose.services).filter(
    ([, s]) => s.build === '.' && s.command === undefined,
  );

  it('runs two gateway instances sharing one Redis, behind the proxy', () => {
    expect(gateways.map(([name]) => name)).toHaveLength(2);
    const redisUrls = new Set(gateways.map(([, s]) => s.environment?.['REDIS_URL']));
    expect(redisUrls.size).toBe(1);
    const redisHost = new URL([...redisUrls][0]!).hostname;
    expect(compose.services[redisHost]?.image).toMatch(/^redis:/);
    const nginx = read('deploy/compose/nginx.conf');
    for (const [name] of gateways) expect(nginx).toContain(`server ${name}:4000`);
    expect(compose.services['proxy']?.volumes?.[0]).toContain('deploy/compose/nginx.conf');
    expect(nginx).toMatch(/proxy_set_header Upgrade/);
    expect(nginx).toMatch(/proxy_buffering off/);
  });

  it('passes only settings the gateway reads', () => {
    for (const [, s] of gateways) {
      const unknown = Object.keys(s.environment ?? {}).filter((k) => !documented.has(k));
      expect(unknown).toEqual([]);
    }
  });
});

describe('Dockerfile', () => {
  const dockerfile = read('Dockerfile');
  const runtime = dockerfile.split(/^FROM /m).at(-1) ?? '';

  it('runs production dependencies only, as a non-root user, node as PID 1, with a HEALTHCHECK', () => {
    expect(dockerfile.match(/^FROM /gm)).toHaveLength(2);
    expect(runtime).toMatch(/npm ci --omit=dev/);
    expect(runtime).toMatch(/^USER node$/m);
    expect(runtime).toMatch(/^HEALTHCHECK [^\n]*(\\\n[^\n]*)*\/health/m);
    expect(runtime).toMatch(/^CMD \["node", "dist\/src\/server\.js"\]$/m);
    expect(read('.dockerignore')).toMatch(/^node_modules$/m);
    expect(read('.dockerignore')).toMatch(/^\.env$/m);
  });
});
