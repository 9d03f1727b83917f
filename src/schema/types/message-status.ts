/** Message status and effect: small closed sets used by Message. */
import type { MessageEffect } from '../../upstream/model.js';
import { builder } from '../builder.js';

export const MessageStatusEnum = builder.enumType('MessageStatus', {
  description: 'Delivery status of a message, one list for both API versions.',
  values: {
    PENDING: { description: 'Accepted, not yet sent.' },
    QUEUED: { description: 'Queued for sending (v3).' },
    SENT: { description: 'Sent, not yet confirmed delivered (v3).' },
    DELIVERED: { description: 'Delivered to the recipient.' },
    READ: { description: 'Read by the recipient.' },
    FAILED: { description: 'Could not be sent (v3).' },
    SERVICE_UNAVAILABLE: { description: 'The service could not deliver it (v2).' },
    PAUSED: { description: 'Sending is paused for the account (v2).' },
  } as const,
});

export const MessageEffectTypeEnum = builder.enumType('MessageEffectType', {
  description: 'Where an iMessage effect plays.',
  values: {
    SCREEN: { description: 'Full-screen effect, e.g. confetti.' },
    BUBBLE: { description: 'Effect on the message bubble, e.g. slam.' },
  } as const,
});

export const MessageEffectRef = builder.objectRef<MessageEffect>('MessageEffect').implement({
  description: 'An iMessage effect (v3 only).',
  fields: (t) => ({
    type: t.expose('type', {
      type: MessageEffectTypeEnum,
      description: 'Screen or bubble.',
    }),
    name: t.string({ description: 'Effect name, e.g. confetti or slam.', resolve: (e) => e.name }),
  }),
});
