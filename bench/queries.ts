/** The GraphQL documents of the scenarios: the gateway's (also the ceiling's) and the peer's. */

/** No chat field but its id: one list call answers it (the held-out harness's shape). */
export const S1 = /* GraphQL */ `
  query S1($id: ID!) {
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
`;

export const S1_MESH = /* GraphQL */ `
  query S1($id: UUID!) {
    getMessages(chatId: $id, limit: 25) {
      ... on GetMessagesResult {
        messages {
          id
          sent_at
          from_handle {
            handle
          }
          parts {
            ... on TextPartResponse {
              value
              reactions {
                type
                custom_emoji
                handle {
                  handle
                }
              }
            }
            ... on MediaPartResponse {
              reactions {
                type
                custom_emoji
                handle {
                  handle
                }
              }
            }
          }
        }
      }
    }
  }
`;

export const S2 = /* GraphQL */ `
  query S2($phone: String!) {
    chats(phoneNumber: $phone, first: 10) {
      nodes {
        id
        messages(first: 10) {
          nodes {
            id
            text
            sender {
              address
            }
            chat {
              id
              displayName
            }
          }
        }
      }
    }
  }
`;

/** Mesh has no Message→Chat link short of one call per message: the chat is read once above. */
export const S2_MESH = /* GraphQL */ `
  query S2($phone: queryInput_listChats_from!) {
    listChats(from: $phone, limit: 10) {
      ... on ListChatsResult {
        chats {
          id
          display_name
          messages(limit: 10) {
            ... on GetMessagesResult {
              messages {
                id
                chat_id
                from_handle {
                  handle
                }
                parts {
                  ... on TextPartResponse {
                    value
                  }
                }
              }
            }
          }
        }
      }
    }
  }
`;

export const S3 = /* GraphQL */ `
  query S3($id: ID!) {
    node(id: $id) {
      id
      ... on Message {
        text
        sentAt
        sender {
          address
        }
      }
    }
  }
`;

export const S3_MESH = /* GraphQL */ `
  query S3($id: UUID!) {
    getMessage(messageId: $id) {
      ... on Message {
        id
        sent_at
        from_handle {
          handle
        }
        parts {
          ... on TextPartResponse {
            value
          }
        }
      }
    }
  }
`;

/** Works whether the field returns the payload or a union of payload and errors. */
export const S4 = /* GraphQL */ `
  mutation S4($input: SendMessageInput!) {
    sendMessage(input: $input) {
      __typename
      ... on SendMessagePayload {
        sentMessage {
          id
          text
        }
      }
    }
  }
`;

export const S4_MESH = /* GraphQL */ `
  mutation S4($chatId: UUID!, $input: SendMessageToChatRequest_Input) {
    sendMessageToChat(chatId: $chatId, input: $input) {
      __typename
      ... on SendMessageResponse {
        message {
          id
        }
      }
    }
  }
`;

/** Tailcall (bench/tailcall/linq-v2.graphql): the Linq v2 DTOs as they come. */
export const S1_TAILCALL_V2 = /* GraphQL */ `
  query S1($id: Int!) {
    messages(chatId: $id, first: 25) {
      data {
        id
        text
        sent_at
        sent_from
        reactions {
          reaction
          from_phone
        }
      }
    }
  }
`;

export const S2_TAILCALL_V2 = /* GraphQL */ `
  query S2($phone: String!) {
    chats(phone: $phone, first: 10) {
      data {
        id
        display_name
        messages {
          data {
            id
            text
            sent_from
          }
        }
      }
    }
  }
`;

/** Tailcall (bench/tailcall/linq-v3.graphql): the Linq v3 DTOs as they come. */
export const S1_TAILCALL_V3 = /* GraphQL */ `
  query S1($id: String!) {
    messages(chatId: $id, first: 25) {
      messages {
        id
        sent_at
        from_handle {
          handle
        }
        parts {
          type
          value
          reactions {
            type
            custom_emoji
            handle {
              handle
            }
          }
        }
      }
    }
  }
`;

export const S2_TAILCALL_V3 = /* GraphQL */ `
  query S2($phone: String!) {
    chats(phone: $phone, first: 10) {
      chats {
        id
        display_name
        messages {
          messages {
            id
            chat_id
            from_handle {
              handle
            }
            parts {
              type
              value
            }
          }
        }
      }
    }
  }
`;
