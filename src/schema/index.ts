/** The GraphQL schema: every type file registers itself on the builder when imported. */
import './scalars.js';
import './connection-fields.js';
import './enums.js';
import './handle.js';
import './chat.js';
import './message-part.js';
import './message-status.js';
import './message.js';
import './message-connection.js';
import './reaction.js';
import './phone-number.js';
import './node.js';
import './mutations/index.js';
import './subscriptions/index.js';
import '../federation/entities.js';
import { builder } from './builder.js';
import { settleListItems } from './settle-list-items.js';

/** A Federation v2 subgraph schema (adds `_service`, `_entities`): see src/federation/. */
export const schema = settleListItems(
  builder.toSubGraphSchema({
    linkUrl: 'https://specs.apollo.dev/federation/v2.6',
    federationDirectives: ['@key', '@shareable'],
  }),
);
