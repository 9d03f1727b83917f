// Self-test of the OpenAPI harness: it must reject known-bad bodies, or the contract suites
// built on it could pass while checking nothing.
import { describe, expect, it } from 'vitest';
import {
  declaredStatuses,
  listOperations,
  validateRequest,
  validateResponse,
} from '../helpers/openapi.js';
import { bodyVariants, formVariants } from '../helpers/openapi-mutate.js';

const JSON_CT = 'application/json; charset=utf-8';
const STRICT_V2 = { strict: { forbidUnknown: true, requireDeclared: true } };
const STRICT_V3 = { strict: { forbidUnknown: true } };
const UUID = '550e8400-e29b-41d4-a716-446655440000';
const TS = '2026-02-05T19:52:18.101373886Z';

const v2Message = {
  id: 7,
  text: 'hi',
  sent_at: TS,
  delivered_at: null,
  delivery_status: 'delivered',
  edited_at: null,
  is_read: false,
  sent_from: '+12223334444',
  chat_handle_id: 3,
  attachments: [],
  reactions: [],
};
const v3Chat = {
  id: UUID,
  display_name: null,
  service: 'iMessage',
  is_archived: false,
  is_group: false,
  created_at: TS,
  updated_at: TS,
  handles: [{ id: UUID, handle: '+12223334444', service: 'SMS', joined_at: TS, is_me: true }],
};

describe('openapi harness: operation lists', () => {
  it('lists every operation of both documents', () => {
    expect(listOperations('v2')).toHaveLength(29);
    expect(listOperations('v3')).toHaveLength(33);
    expect(declaredStatuses('GET /v3/chats/{chatId}')).toEqual([200, 401, 404, 500]);
  });

  it('throws on a route that the spec does not have', () => {
    expect(() => validateResponse('GET /v3/nope', 200, JSON_CT, {})).toThrow(/No operation/);
  });
});

describe('openapi harness: v2 (OpenAPI 3.0.3, draft-07)', () => {
  const route = 'GET /api/partner/v2/chats/{chat_id}/chat_messages/{id}';

  it('accepts a known-good message and rejects known-bad ones', () => {
    expect(validateResponse(route, 200, JSON_CT, { data: v2Message }, STRICT_V2)).toEqual([]);
    const bad = { ...v2Message, id: '7', delivery_status: 'sent', sent_at: 'yesterday' };
    const errors = validateResponse(route, 200, JSON_CT, { data: bad }, STRICT_V2);
    expect(errors).toEqual(
      expect.arrayContaining([
        'body/data/id: must be integer',
        expect.stringMatching(/^body\/data\/delivery_status: must be equal to one of the allowed/),
        'body/data/sent_at: must match format "date-time"',
      ]),
    );
  });

  it('honours nullable, and strictness flags missing and invented fields', () => {
    const { edited_at: _omitted, ...partial } = v2Message;
    expect(validateResponse(route, 200, JSON_CT, { data: partial })).toEqual([]);
    expect(
      validateResponse(route, 200, JSON_CT, { data: { ...partial, x: 1 } }, STRICT_V2),
    ).toEqual([
      "body/data: must have required property 'edited_at'",
      "body/data: must NOT have additional properties 'x'",
    ]);
  });

  it('validates undeclared generic errors against Error and refuses other statuses', () => {
    const err = { errors: [{ status: 404, code: 'not_found', title: 'Not Found', detail: 'x' }] };
    expect(validateResponse(route, 404, JSON_CT, err, STRICT_V2)).toEqual([]);
    expect(validateResponse(route, 404, JSON_CT, { error: 'x' }, STRICT_V2)).not.toEqual([]);
    expect(validateResponse(route, 409, JSON_CT, err)[0]).toMatch(/409 is not declared/);
    expect(validateResponse(route, 200, 'text/html', { data: v2Message })[0]).toMatch(
      /content-type/,
    );
  });

  it('checks multipart field names, file-ness, patterns and required fields', () => {
    const send = 'POST /api/partner/v2/chats/{chat_id}/chat_messages';
    const good: Array<[string, string | Blob]> = [
      ['message[text]', 'hi'],
      ['message[idempotency_key]', 'key_1'],
      ['message[attachments][]', new Blob(['x'])],
      ['message[attachments][]', new Blob(['y'])],
    ];
    expect(validateRequest(send, { path: { chat_id: 1 }, body: good })).toEqual([]);
    expect(
      validateRequest(send, {
        path: { chat_id: 'abc' },
        body: [
          ['message[idempotency_key]', 'a b'],
          ['message[attachments][]', 'x'],
          ['text', 'x'],
        ],
      }),
    ).toEqual(
      expect.arrayContaining([
        'path.chat_id: must be integer',
        "form field 'message[attachments][]': expected a file",
        "form field 'text': not declared by the spec",
        "form: must have required property 'message[text]'",
        'form/message[idempotency_key]: must match pattern "^[a-zA-Z0-9_-]+$"',
      ]),
    );
    expect(validateRequest(send, { body: { message: { text: 'hi' } } })[0]).toMatch(/not accepted/);
  });

  it('checks the API-key credential and query parameters', () => {
    const list = 'GET /api/partner/v2/chats';
    expect(
      validateRequest(list, {
        query: { phone_number: '+1', per_page: 5 },
        headers: { 'X-LINQ-INTEGRATION-TOKEN': 't' },
      }),
    ).toEqual([]);
    expect(validateRequest(list, { query: { per_page: 500, limit: 1 }, headers: {} })).toEqual([
      "query parameter 'phone_number': required",
      'query.per_page: must be <= 100',
      "query parameter 'limit': not declared",
      "header 'X-LINQ-INTEGRATION-TOKEN': required credential missing",
    ]);
  });
});

describe('openapi harness: v3 (OpenAPI 3.1, 2020-12)', () => {
  const route = 'GET /v3/chats/{chatId}';

  it('accepts a known-good chat and rejects known-bad ones', () => {
    expect(validateResponse(route, 200, JSON_CT, v3Chat, STRICT_V3)).toEqual([]);
    const { is_group: _missing, ...bad } = { ...v3Chat, id: 'chat-1', service: 'Fax', extra: 1 };
    expect(validateResponse(route, 200, JSON_CT, bad, STRICT_V3)).toEqual(
      expect.arrayContaining([
        "body: must have required property 'is_group'",
        "body: must NOT have additional properties 'extra'",
        'body/id: must match format "uuid"',
      ]),
    );
  });

  it('treats `nullable: true` as nullable (the 3.1 file still uses it) but nothing else', () => {
    expect(validateResponse(route, 200, JSON_CT, { ...v3Chat, service: null })).toEqual([]);
    expect(validateResponse(route, 200, JSON_CT, { ...v3Chat, created_at: null })).not.toEqual([]);
  });

  it('resolves components/responses refs, generic errors and empty 204 bodies', () => {
    const err = { error: { status: 404, code: 2001, message: 'Not found' }, success: false };
    expect(validateResponse(route, 404, JSON_CT, err, STRICT_V3)).toEqual([]);
    expect(validateResponse(route, 401, JSON_CT, { errors: [] })).not.toEqual([]);
    expect(validateResponse(route, 409, JSON_CT, err)[0]).toMatch(/409 is not declared/);
    expect(
      validateResponse(route, 503, JSON_CT, { ...err, error: { ...err.error, status: 503 } }),
    ).toEqual([]);
    const del = 'DELETE /v3/messages/{messageId}';
    expect(validateResponse(del, 204, undefined, undefined)).toEqual([]);
    expect(validateResponse(del, 204, JSON_CT, { ok: true })[0]).toMatch(/expected an empty body/);
  });

  it('validates declared response headers (Retry-After on 429)', () => {
    const check = 'POST /v3/capability/check_imessage';
    const err = { error: { status: 429, code: 1007, message: 'slow down' }, success: false };
    expect(validateResponse(check, 429, JSON_CT, err, { headers: { 'retry-after': '3' } })).toEqual(
      [],
    );
    expect(
      validateResponse(check, 429, JSON_CT, err, { headers: { 'retry-after': 'soon' } }),
    ).toEqual(['header.Retry-After: must be integer']);
  });

  it('validates request bodies, path parameters and the bearer credential', () => {
    const send = 'POST /v3/chats/{chatId}/messages';
    const body = {
      message: {
        parts: [
          { type: 'text', value: 'hi' },
          { type: 'media', url: 'https://a.test/x.png' },
        ],
      },
    };
    const headers = { Authorization: 'Bearer t' };
    expect(validateRequest(send, { path: { chatId: UUID }, headers, body })).toEqual([]);
    const bad = { message: { parts: [{ type: 'text', value: '' }] } };
    expect(validateRequest(send, { path: { chatId: 'x' }, headers: {}, body: bad })).toEqual(
      expect.arrayContaining([
        'path.chatId: must match format "uuid"',
        "header 'Authorization': 'Bearer <token>' credential missing",
        'body/message/parts/0/value: must NOT have fewer than 1 characters',
      ]),
    );
    expect(validateRequest(send, { path: { chatId: UUID } })).toEqual(['body: required']);
  });
});

describe('openapi harness: invalid-variant generator', () => {
  it('drops every key and breaks every type, at every depth', () => {
    const whats = bodyVariants({ a: 'x', b: { c: 1 }, d: [true] }).map((v) => v.what);
    expect(whats).toEqual([
      'a: wrong type',
      'a: dropped',
      'b: wrong type',
      'b: dropped',
      'b.c: wrong type',
      'b.c: dropped',
      'd: wrong type',
      'd: dropped',
      'd: empty',
      'd.0: wrong type',
    ]);
  });

  it('swaps text and file form fields and drops each one', () => {
    const variants = formVariants([
      ['t', 'x'],
      ['f', new Blob(['y'])],
    ]);
    expect(variants.map((v) => v.what)).toEqual([
      't: dropped',
      't: sent as a file',
      'f: dropped',
      'f: sent as text',
    ]);
    expect(
      validateRequest('POST /api/partner/v2/chats/{chat_id}/chat_messages', {
        body: formVariants([['message[text]', 'x']])[1]!.body,
      }),
    ).toEqual(["form field 'message[text]': expected a text value"]);
  });
});
