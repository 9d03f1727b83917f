/** Closed sets shared by several types. Values mirror the adapter's domain model. */
import { builder } from '../builder.js';

export const ServiceEnum = builder.enumType('Service', {
  description: 'The network a chat, handle or message uses.',
  values: {
    IMESSAGE: { description: "Apple's iMessage." },
    SMS: { description: 'Plain SMS/MMS.' },
    RCS: { description: 'Rich Communication Services.' },
  } as const,
});

export const HandleStatusEnum = builder.enumType('HandleStatus', {
  description: 'Whether a participant is still in the chat (reported by the v3 API only).',
  values: {
    ACTIVE: { description: 'In the chat.' },
    LEFT: { description: 'Left the chat.' },
    REMOVED: { description: 'Was removed from the chat.' },
  } as const,
});
