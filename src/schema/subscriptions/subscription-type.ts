/** The Subscription root type (its fields live in the other files of this folder). */
import { builder } from '../builder.js';

builder.subscriptionType({
  description:
    'Events of one chat, from Linq webhooks. Each subscription first reads the chat with ' +
    'the caller’s token (a chat it cannot read fails at start), and each event’s objects ' +
    'are read again with that token.',
});
