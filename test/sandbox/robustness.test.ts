import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { routes } from '../../src/sandbox/http/routes.js';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
});
afterAll(() => sandbox.close());

const BODIES: (string | undefined)[] = [
  undefined,
  '',
  '{',
  'null',
  '[]',
  '"text"',
  '42',
  '{"message":null}',
  '{"message":{"parts":"nope"}}',
  '{"message":{"parts":[null,1,"x",{"type":"media","url":5}]}}',
  '{"message":{"parts":[{"type":"text","value":"x","text_decorations":[{"range":"a"}]}],' +
    '"reply_to":7}}',
  '{"text":12,"part_index":"0"}',
  '{"text":"ok","part_index":1e308}',
  '{"operation":"add","type":"love","part_index":-1}',
  '{"operation":"add","type":"custom","custom_emoji":{}}',
  '{"filename":["a"],"content_type":null,"size_bytes":"12"}',
  '{"chat_id":{"$ne":1}}',
  '{"type":"love","operation":"add","__proto__":{"x":1}}',
];

describe('bad input never yields a 500', () => {
  it('survives garbage ids, queries and bodies on every route', async () => {
    const f = sandbox.store.fixtures();
    const goodIds: Record<string, string> = {
      chat_id: String(f.bigChat.v2Id),
      chatId: f.bigChat.uuid,
      id: String(sandbox.store.getChat(f.bigChat.uuid)!.messages[0]!.v2Id),
      messageId: sandbox.store.getChat(f.bigChat.uuid)!.messages[1]!.uuid,
      chat_message_id: String(sandbox.store.getChat(f.bigChat.uuid)!.messages[2]!.v2Id),
      reaction_id: '1',
      attachmentId: '00000000-0000-4000-8000-000000000000',
    };
    const badIds = ['0', '-1', '%00', 'x'.repeat(300), '1e9', '99999999999999999999', '%E0%A4%A'];
    const queries = [
      '',
      '?limit=abc&per_page=-1&page=0',
      '?cursor=%FF%FE&from=%2B&phone_number=',
      '?before=2025-13-45&after=garbage&sort=sideways&order=up',
      '?limit=1e2&cursor=MXwy',
    ];
    const statuses = new Map<number, number>();
    const idSets = [
      goodIds,
      ...badIds.map((b) => Object.fromEntries(Object.keys(goodIds).map((k) => [k, b]))),
    ];
    for (const def of routes) {
      const tokenHeader: Record<string, string> =
        def.dialect === 'v2'
          ? { 'X-LINQ-INTEGRATION-TOKEN': sandbox.tokens.primary }
          : { Authorization: `Bearer ${sandbox.tokens.primary}` };
      const calls: [string, string | undefined][] = [];
      for (const idSet of def.method === 'GET' ? idSets : idSets.slice(0, 3)) {
        const path = (def.prefix + def.template).replace(
          /\{(\w+)\}/g,
          (_, k: string) => idSet[k] ?? 'x',
        );
        if (def.method === 'GET') for (const q of queries) calls.push([path + q, undefined]);
        else for (const body of BODIES) calls.push([path + queries[1], body]);
      }
      await Promise.all(
        calls.map(async ([path, body]) => {
          const res = await fetch(`${sandbox.url}${path}`, {
            method: def.method,
            headers: { ...tokenHeader, 'Content-Type': 'application/json' },
            body,
          });
          await res.arrayBuffer();
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
          expect(res.status, `${def.method} ${path} ${body ?? ''}`).toBeLessThan(500);
        }),
      );
      sandbox.controls.reset();
    }
    expect([...statuses.keys()].some((s) => s >= 400)).toBe(true);
    expect(sandbox.controls.count()).toBe(0); // reset clears the log
  });

  it('answers unknown routes and methods with 404 in the dialect shape', async () => {
    const a = await fetch(`${sandbox.url}/api/partner/v2/nowhere`);
    expect(a.status).toBe(404);
    expect(await a.json()).toMatchObject({ errors: [{ status: 404 }] });
    const b = await fetch(`${sandbox.url}/api/partner/v3/chats`, { method: 'PATCH' });
    expect(b.status).toBe(404);
    expect(await b.json()).toMatchObject({ error: { status: 404 }, success: false });
  });
});
