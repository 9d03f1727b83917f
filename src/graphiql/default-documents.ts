/**
 * What GraphiQL opens with on a first visit (no tabs stored yet). Every tab runs as it opens:
 * with the embedded sandbox the variables hold a demo number and a demo chat's id, and two more
 * tabs make an event happen (sandboxSimulateInbound) and watch it arrive (messageAdded). With a
 * real Linq there is no id to give: the variables say where to take one from.
 *
 * GraphiQL sends every operation as a JSON POST (`method: 'POST'`), subscriptions too (SSE on
 * POST): a POST with a JSON body needs no CSRF header, so GraphiQL works without hand-set
 * headers while GET and multipart requests from anyone else still need one.
 */
import type { GraphiQLOptions } from 'graphql-yoga';
import { encodeNodeId } from '../schema/relay/global-id.js';
import type { Dialect } from '../upstream/model.js';

export const GRAPHIQL_TITLE = 'Linq GraphQL gateway';

export const CHATS_DOCUMENT = `# Your chats with their latest messages. Ctrl-Enter runs it.
# Send your own Linq token as a header: {"Authorization": "Bearer <token>"}
# (without one, the gateway's service token is used; with the sandbox: demo data).
query ChatsWithMessages($phone: String!) {
  phoneNumbers {
    number
  }
  chats(phoneNumber: $phone, first: 10) {
    pageInfo {
      hasNextPage
      endCursor
    }
    edges {
      node {
        id
        displayName
        handles {
          address
          isMe
        }
        messages(first: 10) {
          edges {
            node {
              id
              text
              status
              sentAt
              isFromMe
              sender {
                address
              }
              reactions {
                type
                customEmoji
              }
            }
          }
        }
      }
    }
  }
}
`;

export const SEND_DOCUMENT = `# Send a text to a chat (any Chat id from the first tab).
# Re-sending with the same idempotencyKey never sends twice.
mutation SendMessage($input: SendMessageInput!) {
  sendMessage(input: $input) {
    __typename
    ... on SendMessagePayload {
      idempotencyKey
      replayed
      sentMessage {
        id
        text
        status
        sentAt
      }
    }
    ... on ValidationError {
      fieldErrors {
        field
        message
      }
    }
    ... on Error {
      message
    }
  }
}
`;

export const SUBSCRIBE_DOCUMENT = `# New messages of a chat, live (server-sent events). Run it, keep this tab
# open and make one arrive from a second GraphiQL window: its "SimulateInbound"
# tab (sandbox) or "SendMessage".
subscription MessageAdded($chatId: ID!) {
  messageAdded(chatId: $chatId) {
    cursor
    node {
      id
      text
      isFromMe
      sentAt
      sender {
        address
      }
    }
  }
}
`;

export const SIMULATE_DOCUMENT = `# Sandbox only: the other side of the chat sends a message, as from their phone.
# The "MessageAdded" subscription tab shows it arrive.
mutation SimulateInbound($chatId: ID!) {
  sandboxSimulateInbound(chatId: $chatId, text: "Hi! Is my order on its way?") {
    message {
      id
      text
      isFromMe
      sender {
        address
      }
    }
  }
}
`;

/** The demo data the default tabs point at: with the embedded sandbox, its first number and chat. */
export interface GraphiQLExample {
  dialect: Dialect;
  phone: string;
  /** The upstream id (v2 integer as text, v3 UUID) of a direct chat of `phone`. */
  chatId: string;
}

type Tab = NonNullable<GraphiQLOptions['defaultTabs']>[number];
const tab = (query: string, variables: Record<string, unknown>): Tab => ({
  query,
  variables: JSON.stringify(variables, null, 2),
});

/** The tabs: runnable as they are with the sandbox; with a real Linq, fill in the variables. */
export function defaultTabs(example: GraphiQLExample | null): Tab[] {
  if (example === null) {
    const chatId = '<a Chat id from the first tab>';
    return [
      tab(CHATS_DOCUMENT, { phone: '<one of your numbers: { phoneNumbers { number } }>' }),
      tab(SEND_DOCUMENT, {
        input: { chatId, text: 'Hello from GraphiQL', idempotencyKey: 'graphiql-hello-1' },
      }),
      tab(SUBSCRIBE_DOCUMENT, { chatId }),
    ];
  }
  const chatId = encodeNodeId(example.dialect, 'Chat', example.chatId);
  return [
    tab(CHATS_DOCUMENT, { phone: example.phone }),
    tab(SUBSCRIBE_DOCUMENT, { chatId }),
    tab(SIMULATE_DOCUMENT, { chatId }),
    tab(SEND_DOCUMENT, {
      input: { chatId, text: 'Hello from GraphiQL', idempotencyKey: 'graphiql-hello-1' },
    }),
  ];
}

/**
 * Yoga's GraphiQL hands `variables` to GraphiQL as the first tab's initial Variables pane;
 * without it GraphiQL opens the first default tab with an empty one (its `defaultTabs` variables
 * only show on the other tabs).
 */
export interface OfflineGraphiQLOptions extends GraphiQLOptions {
  variables?: string;
}

export function graphiqlOptions(example: GraphiQLExample | null): OfflineGraphiQLOptions {
  const tabs = defaultTabs(example);
  return {
    title: GRAPHIQL_TITLE,
    defaultTabs: tabs,
    variables: tabs[0]!.variables ?? '',
    defaultEditorToolsVisibility: 'variables',
    // Subscriptions too: Yoga's GraphiQL would send SSE as GET, which CSRF prevention refuses.
    method: 'POST',
  };
}
