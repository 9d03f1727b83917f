// The in-memory chat event bus: per-chat topics, type filters, and a slow subscriber that
// cannot crash the process or starve the others.
import { describe, expect, it } from 'vitest';
import { chatTopic, createChatEventBus } from '../../src/realtime/pubsub/index.js';
import type { ChatEvent } from '../../src/realtime/webhooks/index.js';

const typing = (chatId: string, eventId: string): ChatEvent => ({
  type: 'typing',
  dialect: 'v3',
  chatId,
  eventId,
  upstreamType: 'chat.typing_indicator.started',
  occurredAt: '2026-02-05T19:52:18.101Z',
  isTyping: true,
});

describe('createChatEventBus (memory)', () => {
  it('names topics chat:<dialect>:<chatId>', () => {
    expect(chatTopic('v2', '1001')).toBe('chat:v2:1001');
  });

  it('delivers a chat’s events only to that chat’s subscribers, per dialect', async () => {
    const bus = createChatEventBus();
    expect(bus.kind).toBe('memory');
    const sub = bus.subscribe('v3', 'a');
    const next = sub.next();
    await bus.publish(typing('b', 'other chat'));
    await bus.publish({ ...typing('a', 'other dialect'), dialect: 'v2' });
    await bus.publish(typing('a', 'mine'));
    expect((await next).value).toMatchObject({ eventId: 'mine' });
    await sub.return?.();
  });

  it('a subscriber that falls 1024 events behind loses events; others are unaffected', async () => {
    const errors: unknown[] = [];
    const bus = createChatEventBus({ onError: (e) => errors.push(e) });
    const slow = bus.subscribe('v3', 'a');
    const fast = bus.subscribe('v3', 'a');
    void slow.next();
    let seen = 0;
    const pump = (async () => {
      for await (const _ of fast) if (++seen === 1100) break;
    })();
    for (let i = 0; i < 1100; i++) {
      await bus.publish(typing('a', `e${i}`));
      await new Promise((resolve) => setImmediate(resolve));
    }
    await pump;
    expect(seen).toBe(1100);
    expect(errors.length).toBeGreaterThan(0);
    await slow.return?.();
  });
});
