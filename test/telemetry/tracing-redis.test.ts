// One trace across two instances sharing Redis, exported as http/protobuf: the sandbox's webhook
// reaches instance A (delivery span), A publishes to Redis (producer span, whose traceparent
// travels in the message), and instance B's subscriber handles the event (consumer span) and
// reads the message from Linq (client span).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeNodeId } from '../../src/schema/relay/global-id.js';
import { closeAll } from '../helpers/close.js';
import { startRedisPair, type RedisPair } from '../helpers/redis-pair.js';
import { originOf, waitForStreams } from '../helpers/rig.js';
import { sseSubscribe } from '../subscriptions/helpers/sse.js';
import { KIND, startOtlpReceiver, type OtlpReceiver } from './otlp-receiver.js';

const SECRET = 'whsec_trace_0123456789';
let receiver: OtlpReceiver;
let two: RedisPair;

beforeAll(async () => {
  receiver = await startOtlpReceiver();
  two = await startRedisPair({
    env: {
      LINQ_WEBHOOK_SECRET_V3: SECRET,
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url.replace('/v1/traces', ''),
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/protobuf',
    },
    a: { OTEL_SERVICE_NAME: 'gateway-a' },
    b: { OTEL_SERVICE_NAME: 'gateway-b' },
  });
  two.sandbox.controls.addWebhookTarget({
    url: `${originOf(two.a)}/webhooks/linq/v3`,
    dialect: 'v3',
    secret: SECRET,
  });
});
afterAll(() => closeAll(two, receiver));

describe('tracing across instances (Redis, http/protobuf)', () => {
  it('links the delivery on A, the Redis publish and the event handled on B', async () => {
    const uuid = two.sandbox.store.fixtures().bigChat.uuid;
    const sub = await sseSubscribe<{ messageAdded: { node: { text: string } } }>(
      two.b.url,
      'subscription($chatId: ID!) { messageAdded(chatId: $chatId) { node { text } } }',
      { chatId: encodeNodeId('v3', 'Chat', uuid) },
    );
    try {
      await waitForStreams(two.b, 1);
      await new Promise((resolve) => setTimeout(resolve, 100)); // Redis SUBSCRIBE round trip
      two.sandbox.controls.simulateInbound({ chatId: uuid, text: 'across instances' });
      expect((await sub.nth(0)).data?.messageAdded.node.text).toBe('across instances');
    } finally {
      sub.close();
    }
    await Promise.all([two.a.tracing!.flush(), two.b.tracing!.flush()]);
    const spans = receiver.spans;
    expect(spans.every((s) => s.contentType.startsWith('application/x-protobuf'))).toBe(true);
    const event = spans.find((s) => s.kind === KIND.CONSUMER && s.service === 'gateway-b')!;
    expect(event.name).toBe('process messageAdded');
    const publish = spans.find((s) => s.spanId === event.parentSpanId)!;
    expect(publish).toMatchObject({
      service: 'gateway-a',
      kind: KIND.PRODUCER,
      traceId: event.traceId,
      attributes: expect.objectContaining({ 'messaging.system': 'redis' }),
    });
    const delivery = spans.find((s) => s.spanId === publish.parentSpanId)!;
    expect(delivery).toMatchObject({ service: 'gateway-a', kind: KIND.SERVER });
    const read = spans.find((s) => s.parentSpanId === event.spanId)!;
    expect(read).toMatchObject({ service: 'gateway-b', kind: KIND.CLIENT });
    expect(read.attributes['url.template']).toMatch(/^\/(chats|messages)\//);
  });
});
