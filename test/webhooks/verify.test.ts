// Signature verification of both dialects: good, bad, missing, stale, future, wrong length,
// tampered body, and secret rotation.
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { verifyV2, verifyV3 } from '../../src/realtime/webhooks/index.js';

const SECRET = 'test-secret';
const body = Buffer.from('{"api_version":"v3","event_id":"e1"}');
const hex = (secret: string, data: string | Buffer) =>
  createHmac('sha256', secret).update(data).digest('hex');
const code = (r: { ok: true } | { ok: false; code: string }) => (r.ok ? 'OK' : r.code);

describe('verifyV2 (sha256=<hex> over the raw body)', () => {
  const good = `sha256=${hex(SECRET, body)}`;
  const check = (signature: string | undefined, raw: Uint8Array = body, secret = SECRET) => {
    const headers = signature === undefined ? {} : { 'x-webhook-signature': signature };
    return code(verifyV2(headers, raw, secret));
  };

  it('accepts a good signature (header name case-insensitive, Headers or a record)', () => {
    expect(check(good)).toBe('OK');
    expect(code(verifyV2(new Headers({ 'X-Webhook-Signature': good }), body, SECRET))).toBe('OK');
    expect(code(verifyV2({ 'X-WEBHOOK-SIGNATURE': good }, body, SECRET))).toBe('OK');
  });

  it('rejects bad, missing, unprefixed, wrong-length and tampered signatures', () => {
    expect(check(`sha256=${hex('other', body)}`)).toBe('SIGNATURE_INVALID');
    expect(check(undefined)).toBe('SIGNATURE_MISSING');
    expect(check(hex(SECRET, body))).toBe('SIGNATURE_INVALID');
    expect(check(good.slice(0, -2))).toBe('SIGNATURE_INVALID');
    expect(check(`${good}00`)).toBe('SIGNATURE_INVALID');
    expect(check('sha256=zz')).toBe('SIGNATURE_INVALID');
    expect(check(good, Buffer.from('{"api_version":"v3","event_id":"e2"}'))).toBe(
      'SIGNATURE_INVALID',
    );
  });

  it('accepts any of several secrets (rotation) and refuses to run without one', () => {
    expect(code(verifyV2({ 'x-webhook-signature': good }, body, ['old', SECRET]))).toBe('OK');
    expect(code(verifyV2({ 'x-webhook-signature': good }, body, []))).toBe('NOT_CONFIGURED');
    expect(code(verifyV2({ 'x-webhook-signature': good }, body, ''))).toBe('NOT_CONFIGURED');
  });
});

describe('verifyV3 (hex over "{timestamp}.{body}", 5-minute window)', () => {
  const NOW = 1_770_000_000_000;
  const now = () => NOW;
  const ts = (offsetSeconds = 0) => String(Math.floor(NOW / 1000) + offsetSeconds);
  const headers = (timestamp: string | undefined, signature: string | undefined) => ({
    ...(timestamp === undefined ? {} : { 'x-webhook-timestamp': timestamp }),
    ...(signature === undefined ? {} : { 'x-webhook-signature': signature }),
  });
  const signed = (timestamp: string, raw: Buffer = body, secret = SECRET) =>
    headers(timestamp, hex(secret, Buffer.concat([Buffer.from(`${timestamp}.`), raw])));
  const check = (h: Record<string, string>, raw: Uint8Array = body) =>
    code(verifyV3(h, raw, SECRET, { now }));

  it('accepts a fresh good signature, also at the edges of the window', () => {
    expect(check(signed(ts()))).toBe('OK');
    expect(check(signed(ts(-300)))).toBe('OK');
    expect(check(signed(ts(300)))).toBe('OK');
  });

  it('rejects stale and future timestamps (injectable clock and tolerance)', () => {
    expect(check(signed(ts(-301)))).toBe('TIMESTAMP_STALE');
    expect(check(signed(ts(301)))).toBe('TIMESTAMP_FUTURE');
    const h = signed(ts(-60));
    expect(code(verifyV3(h, body, SECRET, { now, toleranceSeconds: 30 }))).toBe('TIMESTAMP_STALE');
  });

  it('rejects missing, bad, wrong-length and tampered signatures', () => {
    const t = ts();
    const good = hex(SECRET, Buffer.concat([Buffer.from(`${t}.`), body]));
    expect(check(headers(t, undefined))).toBe('SIGNATURE_MISSING');
    expect(check(headers(undefined, good))).toBe('TIMESTAMP_MISSING');
    expect(check(headers('yesterday', good))).toBe('TIMESTAMP_INVALID');
    expect(check(signed(t, body, 'other'))).toBe('SIGNATURE_INVALID');
    expect(check(headers(t, good.slice(0, 62)))).toBe('SIGNATURE_INVALID');
    expect(check(headers(t, `sha256=${good}`))).toBe('SIGNATURE_INVALID');
    expect(check(signed(t), Buffer.from(`${body.toString()} `))).toBe('SIGNATURE_INVALID');
    // The timestamp is part of the signed data: moving it invalidates the signature.
    expect(check(headers(ts(1), good))).toBe('SIGNATURE_INVALID');
    // The body alone (v2 style) is not accepted for v3.
    expect(check(headers(t, hex(SECRET, body)))).toBe('SIGNATURE_INVALID');
  });

  it('checks the signature before the clock (a forged stale request is just invalid)', () => {
    expect(check(headers(ts(-10_000), '0'.repeat(64)))).toBe('SIGNATURE_INVALID');
  });
});
