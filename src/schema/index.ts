/** The GraphQL schema: every type file registers itself on the builder when imported. */
import './types/scalars.js';
import './relay/connection-fields.js';
import './types/enums.js';
import './types/handle.js';
import './types/chat.js';
import './types/message-part.js';
import './types/message-status.js';
import './types/message.js';
import './types/message-connection.js';
import './types/reaction.js';
import './types/phone-number.js';
import './relay/node.js';
import './mutations/index.js';
import './subscriptions/index.js';
import '../federation/entities.js';
import { builder } from './builder.js';
import { settleListItems } from './loading/settle-list-items.js';

/** A Federation v2 subgraph schema (adds `_service`, `_entities`): see src/federation/. */
export const schema = settleListItems(
  builder.toSubGraphSchema({
    linkUrl: 'https://specs.apollo.dev/federation/v2.6',
    federationDirectives: ['@key', '@shareable'],
  }),
);
