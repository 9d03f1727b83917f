/** Global ids of sandbox records as the gateway hands them out, per dialect. */
import { encodeNodeId } from '../../src/schema/relay/global-id.js';
import { messageKey } from '../../src/schema/loading/keys.js';
import type { Dialect } from '../../src/upstream/model.js';

/** Upstream id of a sandbox record in the rig's dialect. */
export const upstreamId = (dialect: Dialect, rec: { v2Id: number; uuid: string }): string =>
  dialect === 'v2' ? String(rec.v2Id) : rec.uuid;

export const chatGlobalId = (dialect: Dialect, chat: { v2Id: number; uuid: string }) =>
  encodeNodeId(dialect, 'Chat', upstreamId(dialect, chat));

export const messageGlobalId = (
  dialect: Dialect,
  chat: { v2Id: number; uuid: string },
  message: { v2Id: number; uuid: string },
) =>
  encodeNodeId(
    dialect,
    'Message',
    messageKey({ chatId: upstreamId(dialect, chat), id: upstreamId(dialect, message) }),
  );
