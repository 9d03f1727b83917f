/**
 * The one SchemaBuilder. No types are defined here: each lives in its own file (chat.ts, ...),
 * and index.ts imports them all.
 *
 * Plugin order matters: errors first (so it sees every other plugin's wrapped resolvers),
 * relay before dataloader (loadableNode needs relay), and room at the end for the federation
 * plugin, which must come after every plugin that wraps resolvers.
 */
import SchemaBuilder from '@pothos/core';
import DataloaderPlugin from '@pothos/plugin-dataloader';
import DirectivesPlugin from '@pothos/plugin-directives';
import ErrorsPlugin from '@pothos/plugin-errors';
import FederationPlugin from '@pothos/plugin-federation';
import RelayPlugin from '@pothos/plugin-relay';
import type { FileUpload } from 'graphql-upload-minimal';
import type { GatewayContext } from '../context.js';
import { decodeNodeId, encodeNodeId } from './relay/global-id.js';
import { relayDescriptions } from './relay/descriptions.js';
import SyncNodeIdPlugin from './relay/sync-node-id.js';
import ObjectsOnlyPlugin from './loading/objects-only.js';

export interface GatewaySchemaTypes {
  Context: GatewayContext;
  Scalars: {
    /** Accepts RFC 3339 strings; outputs UTC ISO 8601 strings. */
    DateTime: { Input: Date; Output: Date | string };
    URL: { Input: URL; Output: URL | string };
    /** A file of a multipart request (graphql-upload-minimal); input only. */
    Upload: { Input: Promise<FileUpload>; Output: never };
  };
  /** Only v2 reports totals: every connection returns one, possibly null. */
  Connection: { totalCount: number | null };
  DefaultFieldNullability: false;
  DefaultEdgesNullability: false;
  DefaultNodeNullability: false;
}

export const builder = new SchemaBuilder<GatewaySchemaTypes>({
  // Federation last: it must see every resolver the other plugins wrap (src/federation/).
  plugins: [
    ErrorsPlugin,
    RelayPlugin,
    SyncNodeIdPlugin,
    // Right outside the dataloader plugin: fields marked OBJECTS_ONLY skip its wrapper.
    ObjectsOnlyPlugin,
    DataloaderPlugin,
    DirectivesPlugin,
    FederationPlugin,
  ],
  defaultFieldNullability: false,
  relay: {
    ...relayDescriptions,
    // PageInfo is a value type every Relay subgraph defines the same way (src/federation/).
    pageInfoTypeOptions: { ...relayDescriptions.pageInfoTypeOptions, shareable: true },
    clientMutationId: 'omit',
    cursorType: 'String',
    // node/nodes are defined in node.ts, with per-id errors instead of failing the whole list.
    nodeQueryOptions: false,
    nodesQueryOptions: false,
    encodeGlobalID: (typename, id, ctx) => encodeNodeId(ctx.dialect, typename, String(id)),
    decodeGlobalID: (globalID, ctx) => decodeNodeId(ctx.dialect, globalID),
  },
  errors: {
    defaultTypes: [],
  },
});

builder.queryType({
  description:
    'Reads from the Linq account of the caller (the Bearer token, else the service token).',
});
