/**
 * A tiny foreign subgraph, as another team would write it: a CRM that pins chats and keeps notes
 * about people. It knows our entities only by key – `Chat` by its global id, `Handle` by its
 * address – and adds `pinnedReason` and `notes` to them.
 */
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { createYoga } from 'graphql-yoga';

export const CRM_TYPE_DEFS = parse(`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.6", import: ["@key"])

  type Chat @key(fields: "id") {
    id: ID!
    pinnedReason: String
  }

  type Handle @key(fields: "address") {
    address: String!
    notes: [String!]!
  }

  type Query {
    pinnedChats: [Chat!]!
  }
`);

export interface CrmData {
  /** Global chat ids, in pin order (repeats allowed). */
  pinned: string[];
  notes: Record<string, string[]>;
}

export function createCrmYoga(data: CrmData) {
  const schema = buildSubgraphSchema({
    typeDefs: CRM_TYPE_DEFS,
    resolvers: {
      Query: { pinnedChats: () => data.pinned.map((id) => ({ id })) },
      Chat: {
        __resolveReference: (ref: { id: string }) => ref,
        pinnedReason: (chat: { id: string }) =>
          data.pinned.includes(chat.id) ? 'pinned by support' : null,
      },
      Handle: {
        __resolveReference: (ref: { address: string }) => ref,
        notes: (handle: { address: string }) => data.notes[handle.address] ?? [],
      },
    },
  });
  return createYoga({ schema, logging: false, graphiql: false });
}
