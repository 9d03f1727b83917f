/**
 * Trusted documents and APQ through yoga.fetch against the sandbox: operations by id (Apollo /
 * codegen hash, Relay doc_id, documentId; POST and GET), trusted-only mode, the APQ round trip
 * with hash check, and a manifest that does not validate stopping the start.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import { startInstance, useBlockRig, type GatewayYoga } from '../helpers/rig.js';

const NUMBERS = 'query Numbers { phoneNumbers { number } }';
const CHATS =
  'query Chats($p: String!) { chats(phoneNumber: $p, first: 2) { edges { node { id } } } }';
const hash = (text: string) => createHash('sha256').update(text).digest('hex');
const manifest = new Map([
  [hash(NUMBERS), NUMBERS],
  ['relay-chats-1', CHATS],
]);

type Reply = {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: { code?: string } }[];
};

describe('trusted documents', () => {
  const rig = useBlockRig({ dialect: 'v3' });
  let open: GatewayYoga;
  let only: GatewayYoga;
  beforeAll(() => {
    open = rig.yogaWith({ trustedDocuments: { manifest } });
    only = rig.yogaWith({ trustedDocuments: { manifest, only: true } });
  });

  const post = async (yoga: typeof open, body: Record<string, unknown>) => {
    const res = await yoga.fetch('http://gw/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Reply };
  };

  it('runs a manifest operation by Apollo/codegen hash, Relay doc_id and documentId', async () => {
    const byHash = await post(only, {
      extensions: { persistedQuery: { version: 1, sha256Hash: hash(NUMBERS) } },
    });
    expect(byHash.body.errors).toBeUndefined();
    expect((byHash.body.data?.phoneNumbers as unknown[]).length).toBeGreaterThan(0);
    const variables = { p: rig.fixtures.primaryPhone };
    const byDocId = await post(only, { doc_id: 'relay-chats-1', variables });
    const byDocumentId = await post(only, { documentId: 'relay-chats-1', variables });
    expect(byDocId.body.errors).toBeUndefined();
    expect(byDocumentId.body).toEqual(byDocId.body);
  });

  it('runs by id over GET (with the CSRF header)', async () => {
    const url = `http://gw/graphql?documentId=relay-chats-1&variables=${encodeURIComponent(JSON.stringify({ p: rig.fixtures.primaryPhone }))}`;
    const res = await only.fetch(url, {
      headers: { 'x-graphql-yoga-csrf': '1', accept: 'application/json' },
    });
    const body = (await res.json()) as Reply;
    expect(res.status).toBe(200);
    expect(body.errors).toBeUndefined();
  });

  it('trusted-only refuses full text and unknown ids with stable codes, with no Linq call', async () => {
    rig.resetCounts();
    const text = await post(only, { query: NUMBERS });
    expect(text.status).toBe(400);
    expect(text.body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_ONLY');
    const unknown = await post(only, { documentId: 'nope' });
    expect(unknown.body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_IN_LIST');
    const nothing = await post(only, {});
    expect(nothing.body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_ID_REQUIRED');
    expect(rig.calls()).toEqual({});
  });

  it('without trusted-only, full text still runs', async () => {
    const text = await post(open, { query: NUMBERS });
    expect(text.body.errors).toBeUndefined();
  });

  it('APQ: unknown hash → PERSISTED_QUERY_NOT_FOUND; text with its hash registers it; a wrong hash is refused', async () => {
    const query = 'query Apq { phoneNumbers { number __typename } }';
    const ext = { persistedQuery: { version: 1, sha256Hash: hash(query) } };
    const first = await post(open, { extensions: ext });
    expect(first.body.errors?.[0]).toMatchObject({
      message: 'PersistedQueryNotFound',
      extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' },
    });
    const register = await post(open, { query, extensions: ext });
    expect(register.body.errors).toBeUndefined();
    const again = await post(open, { extensions: ext });
    expect(again.body).toEqual(register.body);
    const forged = await post(open, { query: NUMBERS, extensions: ext });
    expect(forged.status).toBe(400);
    expect(forged.body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_HASH_MISMATCH');
    // trusted-only does not learn documents
    const learned = await post(only, { extensions: ext });
    expect(learned.body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_IN_LIST');
  });
});

describe('trusted documents configuration', () => {
  const file = (content: string) => {
    const path = join(mkdtempSync(join(tmpdir(), 'lq-docs-')), 'persisted-documents.json');
    writeFileSync(path, content);
    return path;
  };

  it('a manifest that does not validate stops the start, naming the id', async () => {
    const manifest = file(JSON.stringify({ good: NUMBERS, bad: '{ noSuchField }' }));
    await expect(startInstance({ TRUSTED_DOCUMENTS_FILE: manifest })).rejects.toThrow(
      /TRUSTED_DOCUMENTS_FILE: .*bad: /,
    );
  });

  it('a manifest that is not id → text, or trusted-only without one, is a configuration error', () => {
    expect(() => loadConfig({ TRUSTED_DOCUMENTS_FILE: file('[1,2]') })).toThrow(ConfigError);
    expect(() => loadConfig({ TRUSTED_DOCUMENTS_ONLY: 'true' })).toThrow(
      /needs TRUSTED_DOCUMENTS_FILE/,
    );
  });
});
