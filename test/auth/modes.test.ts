/**
 * API keys, Linq-token pass-through, explicit anonymous access and the production refusal,
 * each over real HTTP against the sandbox; refusals make no Linq call.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import { apiKeyTable } from './identity.js';
import { bearer, startSecuredGateway, type SecuredGateway } from './rig.js';

const NUMBERS = '{ phoneNumbers { number } }';
const lastLine = (gw: SecuredGateway) => gw.logs.filter((l) => l.msg === 'graphql request').at(-1);

describe('API keys', () => {
  const { callers, json } = apiKeyTable([
    { name: 'crm-sync', phoneNumbers: '*', write: true, keyCount: 2 },
    { name: 'reporting', phoneNumbers: '*', write: false },
  ]);
  const [crm, reporting] = callers as [(typeof callers)[0], (typeof callers)[0]];
  let gw: SecuredGateway;

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lq-keys-'));
    const file = join(dir, 'api-keys.json');
    writeFileSync(file, json);
    gw = await startSecuredGateway({ AUTH_MODES: 'api-key', API_KEYS_FILE: file });
  });
  afterAll(() => gw.close());
  beforeEach(() => gw.resetCalls());

  it('serves a valid key from x-api-key, naming its caller in the log (never the key)', async () => {
    const reply = await gw.post(NUMBERS, { headers: { 'x-api-key': reporting.keys[0]! } });
    expect(reply.status).toBe(200);
    expect(reply.body.errors).toBeUndefined();
    expect(lastLine(gw)?.caller).toBe('key:reporting');
    expect(JSON.stringify(gw.logs)).not.toContain(reporting.keys[0]);
  });

  it('accepts a generated key as a Bearer token too', async () => {
    const reply = await gw.post(NUMBERS, { headers: bearer(reporting.keys[0]!) });
    expect(reply.status).toBe(200);
  });

  it('rotates without downtime: both keys of one caller work, as the same caller', async () => {
    for (const key of crm.keys) {
      const reply = await gw.post(NUMBERS, { headers: { 'x-api-key': key } });
      expect(reply.status).toBe(200);
      expect(lastLine(gw)?.caller).toBe('key:crm-sync');
    }
  });

  it('refuses a revoked or unknown key with 401 and no Linq call', async () => {
    const revoked = 'lqk_' + 'A'.repeat(43); // a key whose hash is not in the table
    for (const headers of [
      { 'x-api-key': revoked },
      bearer(revoked),
      { 'x-api-key': crm.keys[0]!.slice(0, -1) },
    ]) {
      const reply = await gw.post(NUMBERS, { headers });
      expect(reply.status).toBe(401);
      expect(reply.body.errors?.[0]?.extensions).toMatchObject({
        code: 'UNAUTHENTICATED',
        reason: 'INVALID',
      });
    }
    expect(gw.upstreamCalls()).toBe(0);
  });

  it('a read-only key may not send: FORBIDDEN before any Linq call', async () => {
    const chatId = await firstChatId(gw, { 'x-api-key': reporting.keys[0]! });
    gw.resetCalls();
    const reply = await gw.post<{ sendMessage: { __typename: string; message?: string } }>(
      `mutation ($chat: ID!) { sendMessage(input: { chatId: $chat, text: "hi" }) {
        __typename ... on Error { message } } }`,
      { variables: { chat: chatId }, headers: { 'x-api-key': reporting.keys[0]! } },
    );
    expect(reply.body.data?.sendMessage.__typename).toBe('ForbiddenError');
    expect(gw.upstreamCalls()).toBe(0);
  });

  it('a Linq token is not passed through when only API keys are accepted', async () => {
    const reply = await gw.post(NUMBERS, { headers: bearer(gw.fixtures.primaryToken) });
    expect(reply.status).toBe(401);
    expect(gw.upstreamCalls()).toBe(0);
  });
});

async function firstChatId(gw: SecuredGateway, headers: Record<string, string>): Promise<string> {
  const reply = await gw.post<{ chats: { edges: { node: { id: string } }[] } }>(
    'query ($p: String!) { chats(phoneNumber: $p, first: 1) { edges { node { id } } } }',
    { variables: { p: gw.fixtures.primaryPhone }, headers },
  );
  const id = reply.body.data?.chats.edges[0]?.node.id;
  if (!id) throw new Error(`no chat: ${JSON.stringify(reply.body)}`);
  return id;
}

describe('Linq-token pass-through', () => {
  let gw: SecuredGateway;
  beforeAll(async () => {
    gw = await startSecuredGateway({ AUTH_MODES: 'linq-token', AUTH_ANONYMOUS: 'off' });
  });
  afterAll(() => gw.close());
  beforeEach(() => gw.resetCalls());

  it("uses the caller's own token upstream: another account sees its own numbers", async () => {
    const other = await gw.post<{ phoneNumbers: { number: string }[] }>(NUMBERS, {
      headers: bearer(gw.fixtures.otherToken),
    });
    expect(other.body.data?.phoneNumbers.map((p) => p.number)).toEqual([gw.fixtures.otherPhone]);
    const line = lastLine(gw);
    expect(line?.caller).toMatch(/^linq:[0-9a-f]{12}$/);
    expect(JSON.stringify(gw.logs)).not.toContain(gw.fixtures.otherToken);
  });

  it('a token Linq refuses is UNAUTHENTICATED, with no service-token fallback', async () => {
    const reply = await gw.post(NUMBERS, { headers: bearer('not-a-linq-token') });
    expect(reply.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(reply.body.data?.phoneNumbers ?? null).toBeNull();
  });

  it('no token: 401 and no Linq call', async () => {
    const reply = await gw.post(NUMBERS);
    expect(reply.status).toBe(401);
    expect(gw.upstreamCalls()).toBe(0);
  });

  it('a malformed Authorization header: 401 MALFORMED', async () => {
    const reply = await gw.post(NUMBERS, { headers: { authorization: 'Basic dXNlcjpwYXNz' } });
    expect(reply.status).toBe(401);
    expect(reply.body.errors?.[0]?.extensions).toMatchObject({
      code: 'UNAUTHENTICATED',
      reason: 'MALFORMED',
    });
  });
});

describe('anonymous access', () => {
  it('is served only when opted in, with the scope configured', async () => {
    const gw = await startSecuredGateway({
      AUTH_MODES: 'linq-token',
      AUTH_ANONYMOUS: 'read',
    });
    try {
      const reply = await gw.post<{ phoneNumbers: unknown[] }>(NUMBERS);
      expect(reply.status).toBe(200);
      expect(lastLine(gw)?.caller).toBe('anonymous');
      expect(gw.logs.some((l) => l.level === 40 && String(l.msg).includes('ANONYMOUS'))).toBe(true);
      const chatId = await firstChatId(gw, {});
      gw.resetCalls();
      const send = await gw.post<{ sendMessage: { __typename: string } }>(
        'mutation ($c: ID!) { sendMessage(input: { chatId: $c, text: "x" }) { __typename } }',
        { variables: { c: chatId } },
      );
      expect(send.body.data?.sendMessage.__typename).toBe('ForbiddenError');
      expect(gw.upstreamCalls()).toBe(0);
    } finally {
      await gw.close();
    }
  });

  it('the demo (`npm start` with nothing configured) keeps it, and says so loudly', async () => {
    const gw = await startSecuredGateway({});
    try {
      expect((await gw.post(NUMBERS)).status).toBe(200);
      const start = gw.logs.find((l) => String(l.msg).startsWith('auth:'));
      expect(start?.authModes).toEqual(['linq-token']);
      expect(gw.logs.some((l) => l.level === 40 && String(l.msg).includes('ANONYMOUS'))).toBe(true);
    } finally {
      await gw.close();
    }
  });
});

describe('configuration refusals', () => {
  const production = {
    NODE_ENV: 'production',
    LINQ_BASE_URL: 'https://api.linqapp.com',
    LINQ_TOKEN: 'service-token-value',
  };
  const problems = (env: Record<string, string>) => {
    try {
      loadConfig(env);
      return [];
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      return (error as ConfigError).problems;
    }
  };

  it('production with a service token and no caller authentication refuses to start', () => {
    const found = problems(production);
    expect(found.join('\n')).toMatch(/AUTH_MODES=jwt .*API_KEYS_FILE.*AUTH_ANONYMOUS/s);
    expect(found.join('\n')).not.toContain('service-token-value');
  });

  it('production starts with JWT, with API keys, with explicit anonymous, or pass-through', () => {
    const idp = { JWT_JWKS_URL: 'https://idp.example/jwks', JWT_ISSUER: 'i', JWT_AUDIENCE: 'a' };
    expect(problems({ ...production, AUTH_MODES: 'jwt', ...idp })).toEqual([]);
    expect(problems({ ...production, AUTH_MODES: 'api-key', API_KEYS: '{"callers":[]}' })).toEqual(
      [],
    );
    expect(problems({ ...production, AUTH_ANONYMOUS: 'read' })).toEqual([]);
    const { LINQ_TOKEN: _unused, ...passThrough } = production;
    expect(problems(passThrough)).toEqual([]);
    expect(loadConfig(passThrough).auth.anonymous).toBe('off');
  });

  it('lists every missing JWT, API-key and CORS setting at once', () => {
    const found = problems({
      AUTH_MODES: 'jwt,api-key,magic',
      CORS_ORIGINS: '*,https://app.example.com/path,https://ok.example.com',
      JWT_ALGORITHMS: 'RS256,none',
    });
    const text = found.join('\n');
    for (const name of [
      'magic',
      'JWT_ISSUER',
      'JWT_AUDIENCE',
      'JWT_JWKS_URL',
      'API_KEYS_FILE',
      '"none"',
      '"*"',
      '/path',
    ]) {
      expect(text).toContain(name);
    }
    expect(text).not.toContain('ok.example.com');
  });

  it('a bad API key table is reported without its content', () => {
    const found = problems({
      AUTH_MODES: 'api-key',
      API_KEYS: '{"callers":[{"name":"x","phoneNumbers":"*","keys":["plain-key-123"]}]}',
    });
    expect(found.join('\n')).toMatch(/API_KEYS: .*sha256/);
    expect(found.join('\n')).not.toContain('plain-key-123');
  });
});

describe('API key file changes apply without a restart', () => {
  it('a key added to the file works, a key removed from it is refused, a broken file keeps the last keys', async () => {
    const first = apiKeyTable([{ name: 'svc', phoneNumbers: '*', write: false }]);
    const second = apiKeyTable([{ name: 'svc', phoneNumbers: '*', write: false }]);
    const file = join(mkdtempSync(join(tmpdir(), 'lq-keys-')), 'api-keys.json');
    writeFileSync(file, first.json);
    const gw = await startSecuredGateway({
      AUTH_MODES: 'api-key',
      API_KEYS_FILE: file,
      API_KEYS_RELOAD_MS: '50',
    });
    const status = async (key: string) =>
      (await gw.post(NUMBERS, { headers: { 'x-api-key': key } })).status;
    const eventually = async (key: string, wanted: number) => {
      for (let i = 0; i < 100; i++) {
        if ((await status(key)) === wanted) return true;
        await new Promise((r) => setTimeout(r, 20));
      }
      return false;
    };
    try {
      const oldKey = first.callers[0]!.keys[0]!;
      const newKey = second.callers[0]!.keys[0]!;
      expect(await status(oldKey)).toBe(200);
      expect(await status(newKey)).toBe(401);
      await new Promise((r) => setTimeout(r, 20)); // a distinct mtime
      writeFileSync(file, second.json);
      expect(await eventually(newKey, 200)).toBe(true);
      expect(await status(oldKey)).toBe(401);
      writeFileSync(file, '{ not json');
      const reported = () => gw.logs.some((l) => String(l.msg).includes('could not be reloaded'));
      for (let i = 0; i < 100 && !reported(); i++) {
        expect(await status(newKey)).toBe(200);
        await new Promise((r) => setTimeout(r, 20));
      }
      expect(reported()).toBe(true);
      expect(await status(newKey)).toBe(200);
      expect(JSON.stringify(gw.logs)).not.toContain(newKey);
    } finally {
      await gw.close();
    }
  });
});
