/**
 * Real-time events of one chat, fed by Linq webhooks through the chat event bus
 * (src/realtime/webhooks/, src/realtime/pubsub/). Served over SSE (Yoga: POST /graphql with
 * `Accept: text/event-stream`) and graphql-ws (WebSocket on /graphql, src/realtime/).
 */
import './subscription-type.js';
import './messages.js';
import './reaction-changed.js';
import './typing.js';
