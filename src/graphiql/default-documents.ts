/**
 * What GraphiQL opens with on a first visit (no tabs stored yet): a chat list with messages, and
 * a sendMessage mutation with its variables. The sandbox's first number is the default, so the
 * first tab runs as it is against `npm start`; for the second, paste a chat id from the first.
 */
import type { GraphiQLOptions } from 'graphql-yoga';

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

export const SEND_DOCUMENT = `# Send a text: put a Chat id from the first tab in the variables.
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

export const defaultTabs: NonNullable<GraphiQLOptions['defaultTabs']> = [
  { query: CHATS_DOCUMENT, variables: JSON.stringify({ phone: '+12025550101' }, null, 2) },
  {
    query: SEND_DOCUMENT,
    variables: JSON.stringify(
      {
        input: {
          chatId: '<a Chat id from the first tab>',
          text: 'Hello from GraphiQL',
          idempotencyKey: 'graphiql-hello-1',
        },
      },
      null,
      2,
    ),
  },
];

export const graphiqlOptions: GraphiQLOptions = {
  title: GRAPHIQL_TITLE,
  defaultQuery: CHATS_DOCUMENT,
  defaultTabs,
  defaultEditorToolsVisibility: 'variables',
};
