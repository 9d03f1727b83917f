// Relay documents of a chat view, compiled by test/clients/relay.test.ts with
// clients/relay.config.json against schema.client.graphql (never run as they are: the compiled
// artifacts are). Operation names start with the module name, as relay-compiler requires.
import { graphql } from 'relay-runtime';

export const chatViewQuery = graphql`
  query ChatViewQuery($chatId: ID!) {
    chat(id: $chatId) {
      id
      displayName
      ...ChatView_messages
    }
  }
`;

export const chatViewMessages = graphql`
  fragment ChatView_messages on Chat
  @argumentDefinitions(count: { type: "Int", defaultValue: 20 }, cursor: { type: "String" })
  @refetchable(queryName: "ChatViewMessagesPaginationQuery") {
    messages(first: $count, after: $cursor) @connection(key: "ChatView_messages") {
      edges {
        node {
          id
          text
          sentAt
          isFromMe
        }
      }
    }
  }
`;

export const messageAdded = graphql`
  subscription ChatViewMessageAddedSubscription($chatId: ID!, $connections: [ID!]!) {
    messageAdded(chatId: $chatId) @prependEdge(connections: $connections) {
      cursor
      node {
        id
        text
        isFromMe
      }
    }
  }
`;

export const sendFile = graphql`
  mutation ChatViewSendFileMutation($input: SendMessageInput!, $connections: [ID!]!) {
    sendMessage(input: $input) {
      __typename
      ... on SendMessagePayload {
        sentMessage {
          id
          attachments {
            filename
            sizeBytes
          }
        }
        messageEdge @prependEdge(connections: $connections) {
          cursor
          node {
            id
          }
        }
      }
      ... on Error {
        message
      }
    }
  }
`;
