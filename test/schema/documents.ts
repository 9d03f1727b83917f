/** GraphQL documents shared by several schema tests (typed by codegen, see codegen.ts). */
import { graphql } from '../gql/index.js';

export const MessageFields = graphql(`
  fragment MessageFields on Message {
    id
    text
    isFromMe
    status
    sentAt
    deliveredAt
    readAt
    editedAt
    service
    effect {
      type
      name
    }
    replyTo {
      id
    }
    replyToPartIndex
    sender {
      address
      isMe
      service
    }
    parts {
      __typename
      ... on TextPart {
        index
        text
        decorations {
          start
          end
          style
          animation
        }
      }
      ... on MediaPart {
        index
        attachment {
          url
          filename
          mimeType
          sizeBytes
        }
      }
      ... on LinkPart {
        index
        url
      }
    }
    attachments {
      filename
    }
    reactions {
      id
      type
      customEmoji
      partIndex
      isFromMe
      sentAt
      sticker {
        url
      }
      handle {
        address
      }
      message {
        id
      }
    }
    chat {
      id
    }
  }
`);

export const ChatMessages = graphql(`
  query ChatMessages($id: ID!, $first: Int, $after: String, $last: Int, $before: String) {
    chat(id: $id) {
      id
      messageCount
      messages(first: $first, after: $after, last: $last, before: $before) {
        totalCount
        pageInfo {
          hasNextPage
          hasPreviousPage
          startCursor
          endCursor
        }
        edges {
          cursor
          node {
            ...MessageFields
          }
        }
      }
    }
  }
`);

export const MessageById = graphql(`
  query MessageById($id: ID!) {
    message(id: $id) {
      ...MessageFields
    }
  }
`);
