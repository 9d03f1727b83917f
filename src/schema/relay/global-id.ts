/**
 * Global ids: opaque to clients, self-sufficient for us.
 *
 *   base64url("lq1:" + dialect + ":" + typename + ":" + key)
 *
 * `key` is the loader key of the type (see keys.ts): a chat id, or a JSON array such as
 * [chatId, messageId] for a v2 message, which cannot be fetched without its chat. The dialect is
 * part of the id because v2 integer ids and v3 UUIDs name the same objects differently: an id
 * issued under one dialect is refused under the other with a clear INVALID_ID/WRONG_DIALECT.
 */
import type { Dialect } from '../../upstream/model.js';
import { invalidIdError } from '../errors.js';
import { checkKey } from '../loading/keys.js';

export const NODE_TYPES = ['Chat', 'Message', 'Reaction'] as const;
export type NodeTypeName = (typeof NODE_TYPES)[number];

const PREFIX = 'lq1';
const MAX_ID_LENGTH = 2048;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

const isNodeType = (name: string): name is NodeTypeName =>
  (NODE_TYPES as readonly string[]).includes(name);

export function encodeNodeId(dialect: Dialect, typename: string, key: string): string {
  return Buffer.from(`${PREFIX}:${dialect}:${typename}:${key}`, 'utf8').toString('base64url');
}

export interface DecodedId {
  typename: NodeTypeName;
  /** The loader key, already checked for its type and dialect. */
  id: string;
}

function malformed(): never {
  throw invalidIdError('Not a valid id: ids are opaque values issued by this API', 'MALFORMED');
}

/**
 * Decodes and checks a global id. With `expected`, an id of another node type is refused
 * (INVALID_ID/WRONG_TYPE) instead of silently loading something else.
 */
export function decodeNodeId(
  dialect: Dialect,
  globalId: unknown,
  expected?: NodeTypeName,
): DecodedId {
  if (typeof globalId !== 'string' || globalId.length > MAX_ID_LENGTH) malformed();
  if (!BASE64URL.test(globalId)) malformed();
  const text = Buffer.from(globalId, 'base64url').toString('utf8');
  if (Buffer.from(text, 'utf8').toString('base64url') !== globalId) malformed();
  const [prefix, idDialect, typename, ...rest] = text.split(':');
  if (prefix !== PREFIX || rest.length === 0 || typename === undefined) malformed();
  if (idDialect !== 'v2' && idDialect !== 'v3') malformed();
  if (!isNodeType(typename)) malformed();
  if (idDialect !== dialect) {
    throw invalidIdError(
      `This ${typename} id was issued for the Linq ${idDialect} API; ` +
        `this gateway serves ${dialect}`,
      'WRONG_DIALECT',
    );
  }
  if (expected && typename !== expected) {
    throw invalidIdError(`Expected a ${expected} id, got a ${typename} id`, 'WRONG_TYPE');
  }
  const key = rest.join(':');
  if (!checkKey(dialect, typename, key)) malformed();
  return { typename, id: key };
}
