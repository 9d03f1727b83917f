/** GraphQL documents of the mutation tests (typed by codegen, see codegen.ts). */
import { graphql } from '../gql/index.js';

export const ErrorFields = graphql(`
  fragment ErrorFields on Error {
    __typename
    message
    ... on ValidationError {
      fieldErrors {
        field
        message
      }
    }
    ... on RateLimitedError {
      retryAfter
    }
    ... on UpstreamUnavailableError {
      retryAfter
    }
  }
`);

export const SendMessage = graphql(`
  mutation SendMessage($input: SendMessageInput!) {
    sendMessage(input: $input) {
      __typename
      ...ErrorFields
      ... on SendMessagePayload {
        clientMutationId
        idempotencyKey
        replayed
        sentMessage {
          id
          text
          isFromMe
          chat {
            id
          }
          attachments {
            filename
            mimeType
            sizeBytes
          }
        }
        messageEdge {
          cursor
          node {
            id
          }
        }
      }
    }
  }
`);

export const EditMessage = graphql(`
  mutation EditMessage($input: EditMessageInput!) {
    editMessage(input: $input) {
      __typename
      ...ErrorFields
      ... on EditMessagePayload {
        clientMutationId
        updatedMessage {
          id
          text
          editedAt
        }
      }
    }
  }
`);

export const DeleteMessage = graphql(`
  mutation DeleteMessage($input: DeleteMessageInput!) {
    deleteMessage(input: $input) {
      __typename
      ...ErrorFields
      ... on DeleteMessagePayload {
        clientMutationId
        deletedMessageId
        chat {
          id
        }
      }
    }
  }
`);

export const AddReaction = graphql(`
  mutation AddReaction($input: AddReactionInput!) {
    addReaction(input: $input) {
      __typename
      ...ErrorFields
      ... on AddReactionPayload {
        clientMutationId
        reaction {
          id
          type
          customEmoji
          isFromMe
        }
        updatedMessage {
          id
          reactions {
            type
            customEmoji
            isFromMe
          }
        }
      }
    }
  }
`);

export const RemoveReaction = graphql(`
  mutation RemoveReaction($input: RemoveReactionInput!) {
    removeReaction(input: $input) {
      __typename
      ...ErrorFields
      ... on RemoveReactionPayload {
        updatedMessage {
          id
          reactions {
            type
            customEmoji
            isFromMe
          }
        }
      }
    }
  }
`);

export const MessageNode = graphql(`
  query MessageNode($id: ID!) {
    node(id: $id) {
      __typename
      ... on Message {
        id
        text
        reactions {
          type
          customEmoji
          isFromMe
        }
        attachments {
          filename
          sizeBytes
        }
      }
    }
  }
`);

export const MessagesAfter = graphql(`
  query MessagesAfter($chatId: ID!, $after: String) {
    node(id: $chatId) {
      ... on Chat {
        messages(first: 3, after: $after) {
          edges {
            cursor
            node {
              id
            }
          }
        }
      }
    }
  }
`);
