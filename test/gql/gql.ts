/* eslint-disable */
import * as types from './graphql.js';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query BadPage($id: ID!, $first: Int, $after: String, $last: Int, $before: String) {\n    chat(id: $id) {\n      id\n      messages(first: $first, after: $after, last: $last, before: $before) {\n        edges {\n          cursor\n        }\n      }\n    }\n  }\n": typeof types.BadPageDocument,
    "\n  query ChatById($id: ID!) {\n    chat(id: $id) {\n      id\n      displayName\n    }\n  }\n": typeof types.ChatByIdDocument,
    "\n  query NodesById($ids: [ID!]!) {\n    nodes(ids: $ids) {\n      __typename\n      id\n    }\n  }\n": typeof types.NodesByIdDocument,
    "\n  query NumbersAndChats($phoneNumber: String!) {\n    phoneNumbers {\n      number\n    }\n    chats(phoneNumber: $phoneNumber, first: 3) {\n      nodes {\n        id\n      }\n    }\n  }\n": typeof types.NumbersAndChatsDocument,
    "\n  query Filtered($id: ID!, $order: MessageOrder, $after: DateTime, $before: DateTime) {\n    chat(id: $id) {\n      messages(first: 100, order: $order, sentAfter: $after, sentBefore: $before) {\n        totalCount\n        nodes {\n          sentAt\n        }\n      }\n    }\n  }\n": typeof types.FilteredDocument,
    "\n  query BudgetTenByTen($phoneNumber: String!) {\n    chats(phoneNumber: $phoneNumber, first: 10) {\n      nodes {\n        id\n        messages(first: 10) {\n          nodes {\n            id\n            text\n            isFromMe\n            sender {\n              address\n              service\n            }\n            chat {\n              id\n              displayName\n            }\n            reactions {\n              id\n              type\n              handle {\n                address\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n": typeof types.BudgetTenByTenDocument,
    "\n  query BudgetNodes($ids: [ID!]!) {\n    nodes(ids: $ids) {\n      __typename\n      id\n      ... on Chat {\n        displayName\n      }\n      ... on Message {\n        text\n      }\n      ... on Reaction {\n        type\n      }\n    }\n  }\n": typeof types.BudgetNodesDocument,
    "\n  query BudgetMessageThenChat($id: ID!) {\n    message(id: $id) {\n      text\n      chat {\n        displayName\n      }\n    }\n  }\n": typeof types.BudgetMessageThenChatDocument,
    "\n  query BudgetListThenNodes($id: ID!) {\n    chat(id: $id) {\n      messages(first: 50) {\n        nodes {\n          id\n          chat {\n            id\n            displayName\n          }\n          reactions {\n            message {\n              id\n              text\n            }\n          }\n        }\n      }\n    }\n  }\n": typeof types.BudgetListThenNodesDocument,
    "\n  query BudgetListWithReplies($id: ID!) {\n    chat(id: $id) {\n      messages(first: 50) {\n        nodes {\n          id\n          reactions {\n            id\n          }\n          replyTo {\n            id\n            text\n          }\n        }\n      }\n    }\n  }\n": typeof types.BudgetListWithRepliesDocument,
    "\n  query BudgetSenderDetails($id: ID!) {\n    message(id: $id) {\n      isFromMe\n      sender {\n        address\n        service\n        isMe\n        joinedAt\n      }\n      reactions {\n        handle {\n          address\n          isMe\n        }\n      }\n    }\n  }\n": typeof types.BudgetSenderDetailsDocument,
    "\n  query BudgetSameMessage($id: ID!) {\n    a: node(id: $id) {\n      id\n    }\n    b: node(id: $id) {\n      ... on Message {\n        text\n      }\n    }\n    message(id: $id) {\n      sentAt\n    }\n  }\n": typeof types.BudgetSameMessageDocument,
    "\n  query BudgetNumbersWithChats {\n    phoneNumbers {\n      number\n      chats(first: 5) {\n        nodes {\n          id\n        }\n      }\n    }\n  }\n": typeof types.BudgetNumbersWithChatsDocument,
    "\n  fragment MessageFields on Message {\n    id\n    text\n    isFromMe\n    status\n    sentAt\n    deliveredAt\n    readAt\n    editedAt\n    service\n    effect {\n      type\n      name\n    }\n    replyTo {\n      id\n    }\n    replyToPartIndex\n    sender {\n      address\n      isMe\n      service\n    }\n    parts {\n      __typename\n      ... on TextPart {\n        index\n        text\n        decorations {\n          start\n          end\n          style\n          animation\n        }\n      }\n      ... on MediaPart {\n        index\n        attachment {\n          url\n          filename\n          mimeType\n          sizeBytes\n        }\n      }\n      ... on LinkPart {\n        index\n        url\n      }\n    }\n    attachments {\n      filename\n    }\n    reactions {\n      id\n      type\n      customEmoji\n      partIndex\n      isFromMe\n      sentAt\n      sticker {\n        url\n      }\n      handle {\n        address\n      }\n      message {\n        id\n      }\n    }\n    chat {\n      id\n    }\n  }\n": typeof types.MessageFieldsFragmentDoc,
    "\n  query ChatMessages($id: ID!, $first: Int, $after: String, $last: Int, $before: String) {\n    chat(id: $id) {\n      id\n      messageCount\n      messages(first: $first, after: $after, last: $last, before: $before) {\n        totalCount\n        pageInfo {\n          hasNextPage\n          hasPreviousPage\n          startCursor\n          endCursor\n        }\n        edges {\n          cursor\n          node {\n            ...MessageFields\n          }\n        }\n      }\n    }\n  }\n": typeof types.ChatMessagesDocument,
    "\n  query MessageById($id: ID!) {\n    message(id: $id) {\n      ...MessageFields\n    }\n  }\n": typeof types.MessageByIdDocument,
    "\n  query MessagePage($id: ID!, $first: Int, $after: String, $last: Int, $before: String) {\n    chat(id: $id) {\n      messages(first: $first, after: $after, last: $last, before: $before) {\n        totalCount\n        pageInfo {\n          hasNextPage\n          hasPreviousPage\n          startCursor\n          endCursor\n        }\n        edges {\n          cursor\n          node {\n            id\n          }\n        }\n      }\n    }\n  }\n": typeof types.MessagePageDocument,
    "\n  query ChatPage($phoneNumber: String!, $first: Int, $after: String) {\n    chats(phoneNumber: $phoneNumber, first: $first, after: $after) {\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n      }\n    }\n  }\n": typeof types.ChatPageDocument,
    "\n  query PhoneNumbers {\n    phoneNumbers {\n      number\n      forwardingNumber\n    }\n  }\n": typeof types.PhoneNumbersDocument,
    "\n  query ChatsOfNumber($phoneNumber: String!) {\n    chats(phoneNumber: $phoneNumber, first: 50) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n      }\n      nodes {\n        id\n        displayName\n        service\n        isGroup\n        isArchived\n        messageCount\n        createdAt\n        handles {\n          address\n          service\n          isMe\n          status\n          joinedAt\n        }\n      }\n    }\n  }\n": typeof types.ChatsOfNumberDocument,
    "\n  query ReactionById($id: ID!) {\n    reaction(id: $id) {\n      id\n      type\n      customEmoji\n      partIndex\n      handle {\n        address\n      }\n      message {\n        id\n      }\n    }\n  }\n": typeof types.ReactionByIdDocument,
    "\n  query PressureNodes($ids: [ID!]!) {\n    nodes(ids: $ids) {\n      id\n    }\n  }\n": typeof types.PressureNodesDocument,
};
const documents: Documents = {
    "\n  query BadPage($id: ID!, $first: Int, $after: String, $last: Int, $before: String) {\n    chat(id: $id) {\n      id\n      messages(first: $first, after: $after, last: $last, before: $before) {\n        edges {\n          cursor\n        }\n      }\n    }\n  }\n": types.BadPageDocument,
    "\n  query ChatById($id: ID!) {\n    chat(id: $id) {\n      id\n      displayName\n    }\n  }\n": types.ChatByIdDocument,
    "\n  query NodesById($ids: [ID!]!) {\n    nodes(ids: $ids) {\n      __typename\n      id\n    }\n  }\n": types.NodesByIdDocument,
    "\n  query NumbersAndChats($phoneNumber: String!) {\n    phoneNumbers {\n      number\n    }\n    chats(phoneNumber: $phoneNumber, first: 3) {\n      nodes {\n        id\n      }\n    }\n  }\n": types.NumbersAndChatsDocument,
    "\n  query Filtered($id: ID!, $order: MessageOrder, $after: DateTime, $before: DateTime) {\n    chat(id: $id) {\n      messages(first: 100, order: $order, sentAfter: $after, sentBefore: $before) {\n        totalCount\n        nodes {\n          sentAt\n        }\n      }\n    }\n  }\n": types.FilteredDocument,
    "\n  query BudgetTenByTen($phoneNumber: String!) {\n    chats(phoneNumber: $phoneNumber, first: 10) {\n      nodes {\n        id\n        messages(first: 10) {\n          nodes {\n            id\n            text\n            isFromMe\n            sender {\n              address\n              service\n            }\n            chat {\n              id\n              displayName\n            }\n            reactions {\n              id\n              type\n              handle {\n                address\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n": types.BudgetTenByTenDocument,
    "\n  query BudgetNodes($ids: [ID!]!) {\n    nodes(ids: $ids) {\n      __typename\n      id\n      ... on Chat {\n        displayName\n      }\n      ... on Message {\n        text\n      }\n      ... on Reaction {\n        type\n      }\n    }\n  }\n": types.BudgetNodesDocument,
    "\n  query BudgetMessageThenChat($id: ID!) {\n    message(id: $id) {\n      text\n      chat {\n        displayName\n      }\n    }\n  }\n": types.BudgetMessageThenChatDocument,
    "\n  query BudgetListThenNodes($id: ID!) {\n    chat(id: $id) {\n      messages(first: 50) {\n        nodes {\n          id\n          chat {\n            id\n            displayName\n          }\n          reactions {\n            message {\n              id\n              text\n            }\n          }\n        }\n      }\n    }\n  }\n": types.BudgetListThenNodesDocument,
    "\n  query BudgetListWithReplies($id: ID!) {\n    chat(id: $id) {\n      messages(first: 50) {\n        nodes {\n          id\n          reactions {\n            id\n          }\n          replyTo {\n            id\n            text\n          }\n        }\n      }\n    }\n  }\n": types.BudgetListWithRepliesDocument,
    "\n  query BudgetSenderDetails($id: ID!) {\n    message(id: $id) {\n      isFromMe\n      sender {\n        address\n        service\n        isMe\n        joinedAt\n      }\n      reactions {\n        handle {\n          address\n          isMe\n        }\n      }\n    }\n  }\n": types.BudgetSenderDetailsDocument,
    "\n  query BudgetSameMessage($id: ID!) {\n    a: node(id: $id) {\n      id\n    }\n    b: node(id: $id) {\n      ... on Message {\n        text\n      }\n    }\n    message(id: $id) {\n      sentAt\n    }\n  }\n": types.BudgetSameMessageDocument,
    "\n  query BudgetNumbersWithChats {\n    phoneNumbers {\n      number\n      chats(first: 5) {\n        nodes {\n          id\n        }\n      }\n    }\n  }\n": types.BudgetNumbersWithChatsDocument,
    "\n  fragment MessageFields on Message {\n    id\n    text\n    isFromMe\n    status\n    sentAt\n    deliveredAt\n    readAt\n    editedAt\n    service\n    effect {\n      type\n      name\n    }\n    replyTo {\n      id\n    }\n    replyToPartIndex\n    sender {\n      address\n      isMe\n      service\n    }\n    parts {\n      __typename\n      ... on TextPart {\n        index\n        text\n        decorations {\n          start\n          end\n          style\n          animation\n        }\n      }\n      ... on MediaPart {\n        index\n        attachment {\n          url\n          filename\n          mimeType\n          sizeBytes\n        }\n      }\n      ... on LinkPart {\n        index\n        url\n      }\n    }\n    attachments {\n      filename\n    }\n    reactions {\n      id\n      type\n      customEmoji\n      partIndex\n      isFromMe\n      sentAt\n      sticker {\n        url\n      }\n      handle {\n        address\n      }\n      message {\n        id\n      }\n    }\n    chat {\n      id\n    }\n  }\n": types.MessageFieldsFragmentDoc,
    "\n  query ChatMessages($id: ID!, $first: Int, $after: String, $last: Int, $before: String) {\n    chat(id: $id) {\n      id\n      messageCount\n      messages(first: $first, after: $after, last: $last, before: $before) {\n        totalCount\n        pageInfo {\n          hasNextPage\n          hasPreviousPage\n          startCursor\n          endCursor\n        }\n        edges {\n          cursor\n          node {\n            ...MessageFields\n          }\n        }\n      }\n    }\n  }\n": types.ChatMessagesDocument,
    "\n  query MessageById($id: ID!) {\n    message(id: $id) {\n      ...MessageFields\n    }\n  }\n": types.MessageByIdDocument,
    "\n  query MessagePage($id: ID!, $first: Int, $after: String, $last: Int, $before: String) {\n    chat(id: $id) {\n      messages(first: $first, after: $after, last: $last, before: $before) {\n        totalCount\n        pageInfo {\n          hasNextPage\n          hasPreviousPage\n          startCursor\n          endCursor\n        }\n        edges {\n          cursor\n          node {\n            id\n          }\n        }\n      }\n    }\n  }\n": types.MessagePageDocument,
    "\n  query ChatPage($phoneNumber: String!, $first: Int, $after: String) {\n    chats(phoneNumber: $phoneNumber, first: $first, after: $after) {\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n      }\n    }\n  }\n": types.ChatPageDocument,
    "\n  query PhoneNumbers {\n    phoneNumbers {\n      number\n      forwardingNumber\n    }\n  }\n": types.PhoneNumbersDocument,
    "\n  query ChatsOfNumber($phoneNumber: String!) {\n    chats(phoneNumber: $phoneNumber, first: 50) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n      }\n      nodes {\n        id\n        displayName\n        service\n        isGroup\n        isArchived\n        messageCount\n        createdAt\n        handles {\n          address\n          service\n          isMe\n          status\n          joinedAt\n        }\n      }\n    }\n  }\n": types.ChatsOfNumberDocument,
    "\n  query ReactionById($id: ID!) {\n    reaction(id: $id) {\n      id\n      type\n      customEmoji\n      partIndex\n      handle {\n        address\n      }\n      message {\n        id\n      }\n    }\n  }\n": types.ReactionByIdDocument,
    "\n  query PressureNodes($ids: [ID!]!) {\n    nodes(ids: $ids) {\n      id\n    }\n  }\n": types.PressureNodesDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BadPage($id: ID!, $first: Int, $after: String, $last: Int, $before: String) {\n    chat(id: $id) {\n      id\n      messages(first: $first, after: $after, last: $last, before: $before) {\n        edges {\n          cursor\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query BadPage($id: ID!, $first: Int, $after: String, $last: Int, $before: String) {\n    chat(id: $id) {\n      id\n      messages(first: $first, after: $after, last: $last, before: $before) {\n        edges {\n          cursor\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ChatById($id: ID!) {\n    chat(id: $id) {\n      id\n      displayName\n    }\n  }\n"): (typeof documents)["\n  query ChatById($id: ID!) {\n    chat(id: $id) {\n      id\n      displayName\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query NodesById($ids: [ID!]!) {\n    nodes(ids: $ids) {\n      __typename\n      id\n    }\n  }\n"): (typeof documents)["\n  query NodesById($ids: [ID!]!) {\n    nodes(ids: $ids) {\n      __typename\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query NumbersAndChats($phoneNumber: String!) {\n    phoneNumbers {\n      number\n    }\n    chats(phoneNumber: $phoneNumber, first: 3) {\n      nodes {\n        id\n      }\n    }\n  }\n"): (typeof documents)["\n  query NumbersAndChats($phoneNumber: String!) {\n    phoneNumbers {\n      number\n    }\n    chats(phoneNumber: $phoneNumber, first: 3) {\n      nodes {\n        id\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Filtered($id: ID!, $order: MessageOrder, $after: DateTime, $before: DateTime) {\n    chat(id: $id) {\n      messages(first: 100, order: $order, sentAfter: $after, sentBefore: $before) {\n        totalCount\n        nodes {\n          sentAt\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Filtered($id: ID!, $order: MessageOrder, $after: DateTime, $before: DateTime) {\n    chat(id: $id) {\n      messages(first: 100, order: $order, sentAfter: $after, sentBefore: $before) {\n        totalCount\n        nodes {\n          sentAt\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BudgetTenByTen($phoneNumber: String!) {\n    chats(phoneNumber: $phoneNumber, first: 10) {\n      nodes {\n        id\n        messages(first: 10) {\n          nodes {\n            id\n            text\n            isFromMe\n            sender {\n              address\n              service\n            }\n            chat {\n              id\n              displayName\n            }\n            reactions {\n              id\n              type\n              handle {\n                address\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query BudgetTenByTen($phoneNumber: String!) {\n    chats(phoneNumber: $phoneNumber, first: 10) {\n      nodes {\n        id\n        messages(first: 10) {\n          nodes {\n            id\n            text\n            isFromMe\n            sender {\n              address\n              service\n            }\n            chat {\n              id\n              displayName\n            }\n            reactions {\n              id\n              type\n              handle {\n                address\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BudgetNodes($ids: [ID!]!) {\n    nodes(ids: $ids) {\n      __typename\n      id\n      ... on Chat {\n        displayName\n      }\n      ... on Message {\n        text\n      }\n      ... on Reaction {\n        type\n      }\n    }\n  }\n"): (typeof documents)["\n  query BudgetNodes($ids: [ID!]!) {\n    nodes(ids: $ids) {\n      __typename\n      id\n      ... on Chat {\n        displayName\n      }\n      ... on Message {\n        text\n      }\n      ... on Reaction {\n        type\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BudgetMessageThenChat($id: ID!) {\n    message(id: $id) {\n      text\n      chat {\n        displayName\n      }\n    }\n  }\n"): (typeof documents)["\n  query BudgetMessageThenChat($id: ID!) {\n    message(id: $id) {\n      text\n      chat {\n        displayName\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BudgetListThenNodes($id: ID!) {\n    chat(id: $id) {\n      messages(first: 50) {\n        nodes {\n          id\n          chat {\n            id\n            displayName\n          }\n          reactions {\n            message {\n              id\n              text\n            }\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query BudgetListThenNodes($id: ID!) {\n    chat(id: $id) {\n      messages(first: 50) {\n        nodes {\n          id\n          chat {\n            id\n            displayName\n          }\n          reactions {\n            message {\n              id\n              text\n            }\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BudgetListWithReplies($id: ID!) {\n    chat(id: $id) {\n      messages(first: 50) {\n        nodes {\n          id\n          reactions {\n            id\n          }\n          replyTo {\n            id\n            text\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query BudgetListWithReplies($id: ID!) {\n    chat(id: $id) {\n      messages(first: 50) {\n        nodes {\n          id\n          reactions {\n            id\n          }\n          replyTo {\n            id\n            text\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BudgetSenderDetails($id: ID!) {\n    message(id: $id) {\n      isFromMe\n      sender {\n        address\n        service\n        isMe\n        joinedAt\n      }\n      reactions {\n        handle {\n          address\n          isMe\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query BudgetSenderDetails($id: ID!) {\n    message(id: $id) {\n      isFromMe\n      sender {\n        address\n        service\n        isMe\n        joinedAt\n      }\n      reactions {\n        handle {\n          address\n          isMe\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BudgetSameMessage($id: ID!) {\n    a: node(id: $id) {\n      id\n    }\n    b: node(id: $id) {\n      ... on Message {\n        text\n      }\n    }\n    message(id: $id) {\n      sentAt\n    }\n  }\n"): (typeof documents)["\n  query BudgetSameMessage($id: ID!) {\n    a: node(id: $id) {\n      id\n    }\n    b: node(id: $id) {\n      ... on Message {\n        text\n      }\n    }\n    message(id: $id) {\n      sentAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BudgetNumbersWithChats {\n    phoneNumbers {\n      number\n      chats(first: 5) {\n        nodes {\n          id\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query BudgetNumbersWithChats {\n    phoneNumbers {\n      number\n      chats(first: 5) {\n        nodes {\n          id\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment MessageFields on Message {\n    id\n    text\n    isFromMe\n    status\n    sentAt\n    deliveredAt\n    readAt\n    editedAt\n    service\n    effect {\n      type\n      name\n    }\n    replyTo {\n      id\n    }\n    replyToPartIndex\n    sender {\n      address\n      isMe\n      service\n    }\n    parts {\n      __typename\n      ... on TextPart {\n        index\n        text\n        decorations {\n          start\n          end\n          style\n          animation\n        }\n      }\n      ... on MediaPart {\n        index\n        attachment {\n          url\n          filename\n          mimeType\n          sizeBytes\n        }\n      }\n      ... on LinkPart {\n        index\n        url\n      }\n    }\n    attachments {\n      filename\n    }\n    reactions {\n      id\n      type\n      customEmoji\n      partIndex\n      isFromMe\n      sentAt\n      sticker {\n        url\n      }\n      handle {\n        address\n      }\n      message {\n        id\n      }\n    }\n    chat {\n      id\n    }\n  }\n"): (typeof documents)["\n  fragment MessageFields on Message {\n    id\n    text\n    isFromMe\n    status\n    sentAt\n    deliveredAt\n    readAt\n    editedAt\n    service\n    effect {\n      type\n      name\n    }\n    replyTo {\n      id\n    }\n    replyToPartIndex\n    sender {\n      address\n      isMe\n      service\n    }\n    parts {\n      __typename\n      ... on TextPart {\n        index\n        text\n        decorations {\n          start\n          end\n          style\n          animation\n        }\n      }\n      ... on MediaPart {\n        index\n        attachment {\n          url\n          filename\n          mimeType\n          sizeBytes\n        }\n      }\n      ... on LinkPart {\n        index\n        url\n      }\n    }\n    attachments {\n      filename\n    }\n    reactions {\n      id\n      type\n      customEmoji\n      partIndex\n      isFromMe\n      sentAt\n      sticker {\n        url\n      }\n      handle {\n        address\n      }\n      message {\n        id\n      }\n    }\n    chat {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ChatMessages($id: ID!, $first: Int, $after: String, $last: Int, $before: String) {\n    chat(id: $id) {\n      id\n      messageCount\n      messages(first: $first, after: $after, last: $last, before: $before) {\n        totalCount\n        pageInfo {\n          hasNextPage\n          hasPreviousPage\n          startCursor\n          endCursor\n        }\n        edges {\n          cursor\n          node {\n            ...MessageFields\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ChatMessages($id: ID!, $first: Int, $after: String, $last: Int, $before: String) {\n    chat(id: $id) {\n      id\n      messageCount\n      messages(first: $first, after: $after, last: $last, before: $before) {\n        totalCount\n        pageInfo {\n          hasNextPage\n          hasPreviousPage\n          startCursor\n          endCursor\n        }\n        edges {\n          cursor\n          node {\n            ...MessageFields\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MessageById($id: ID!) {\n    message(id: $id) {\n      ...MessageFields\n    }\n  }\n"): (typeof documents)["\n  query MessageById($id: ID!) {\n    message(id: $id) {\n      ...MessageFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MessagePage($id: ID!, $first: Int, $after: String, $last: Int, $before: String) {\n    chat(id: $id) {\n      messages(first: $first, after: $after, last: $last, before: $before) {\n        totalCount\n        pageInfo {\n          hasNextPage\n          hasPreviousPage\n          startCursor\n          endCursor\n        }\n        edges {\n          cursor\n          node {\n            id\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query MessagePage($id: ID!, $first: Int, $after: String, $last: Int, $before: String) {\n    chat(id: $id) {\n      messages(first: $first, after: $after, last: $last, before: $before) {\n        totalCount\n        pageInfo {\n          hasNextPage\n          hasPreviousPage\n          startCursor\n          endCursor\n        }\n        edges {\n          cursor\n          node {\n            id\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ChatPage($phoneNumber: String!, $first: Int, $after: String) {\n    chats(phoneNumber: $phoneNumber, first: $first, after: $after) {\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n      }\n    }\n  }\n"): (typeof documents)["\n  query ChatPage($phoneNumber: String!, $first: Int, $after: String) {\n    chats(phoneNumber: $phoneNumber, first: $first, after: $after) {\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PhoneNumbers {\n    phoneNumbers {\n      number\n      forwardingNumber\n    }\n  }\n"): (typeof documents)["\n  query PhoneNumbers {\n    phoneNumbers {\n      number\n      forwardingNumber\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ChatsOfNumber($phoneNumber: String!) {\n    chats(phoneNumber: $phoneNumber, first: 50) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n      }\n      nodes {\n        id\n        displayName\n        service\n        isGroup\n        isArchived\n        messageCount\n        createdAt\n        handles {\n          address\n          service\n          isMe\n          status\n          joinedAt\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ChatsOfNumber($phoneNumber: String!) {\n    chats(phoneNumber: $phoneNumber, first: 50) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n      }\n      nodes {\n        id\n        displayName\n        service\n        isGroup\n        isArchived\n        messageCount\n        createdAt\n        handles {\n          address\n          service\n          isMe\n          status\n          joinedAt\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ReactionById($id: ID!) {\n    reaction(id: $id) {\n      id\n      type\n      customEmoji\n      partIndex\n      handle {\n        address\n      }\n      message {\n        id\n      }\n    }\n  }\n"): (typeof documents)["\n  query ReactionById($id: ID!) {\n    reaction(id: $id) {\n      id\n      type\n      customEmoji\n      partIndex\n      handle {\n        address\n      }\n      message {\n        id\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PressureNodes($ids: [ID!]!) {\n    nodes(ids: $ids) {\n      id\n    }\n  }\n"): (typeof documents)["\n  query PressureNodes($ids: [ID!]!) {\n    nodes(ids: $ids) {\n      id\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;