/** The GraphQL operations of the budget table (budgets.ts), typed by codegen. */
import { graphql } from '../gql/index.js';

export const TenByTen = graphql(`
  query BudgetTenByTen($phoneNumber: String!) {
    chats(phoneNumber: $phoneNumber, first: 10) {
      nodes {
        id
        messages(first: 10) {
          nodes {
            id
            text
            isFromMe
            sender {
              address
              service
            }
            chat {
              id
              displayName
            }
            reactions {
              id
              type
              handle {
                address
              }
            }
          }
        }
      }
    }
  }
`);

export const NodesMixed = graphql(`
  query BudgetNodes($ids: [ID!]!) {
    nodes(ids: $ids) {
      __typename
      id
      ... on Chat {
        displayName
      }
      ... on Message {
        text
      }
      ... on Reaction {
        type
      }
    }
  }
`);

export const MessageThenChat = graphql(`
  query BudgetMessageThenChat($id: ID!) {
    message(id: $id) {
      text
      chat {
        displayName
      }
    }
  }
`);

export const ListThenNodes = graphql(`
  query BudgetListThenNodes($id: ID!) {
    chat(id: $id) {
      messages(first: 50) {
        nodes {
          id
          chat {
            id
            displayName
          }
          reactions {
            message {
              id
              text
            }
          }
        }
      }
    }
  }
`);

export const ChatPage = graphql(`
  query BudgetChatPage($id: ID!) {
    chat(id: $id) {
      id
      messages(first: 25) {
        nodes {
          id
          text
          sentAt
          sender {
            address
          }
          reactions {
            type
            customEmoji
            handle {
              address
            }
          }
        }
      }
    }
  }
`);

export const ChatNameAndPage = graphql(`
  query BudgetChatNameAndPage($id: ID!) {
    chat(id: $id) {
      displayName
      messages(first: 25) {
        nodes {
          id
        }
      }
    }
  }
`);

export const ListWithReplies = graphql(`
  query BudgetListWithReplies($id: ID!) {
    chat(id: $id) {
      messages(first: 50) {
        nodes {
          id
          reactions {
            id
          }
          replyTo {
            id
            text
          }
        }
      }
    }
  }
`);

export const SenderDetails = graphql(`
  query BudgetSenderDetails($id: ID!) {
    message(id: $id) {
      isFromMe
      sender {
        address
        service
        isMe
        joinedAt
      }
      reactions {
        handle {
          address
          isMe
        }
      }
    }
  }
`);

export const SameMessage = graphql(`
  query BudgetSameMessage($id: ID!) {
    a: node(id: $id) {
      id
    }
    b: node(id: $id) {
      ... on Message {
        text
      }
    }
    message(id: $id) {
      sentAt
    }
  }
`);

export const NumbersWithChats = graphql(`
  query BudgetNumbersWithChats {
    phoneNumbers {
      number
      chats(first: 5) {
        nodes {
          id
        }
      }
    }
  }
`);
