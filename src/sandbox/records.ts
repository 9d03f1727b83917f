/** The sandbox's in-memory records: one shape behind both dialects (v2 integer ids + v3 UUIDs). */

export type ServiceName = 'iMessage' | 'SMS' | 'RCS';
export type ReactionKind =
  'love' | 'like' | 'dislike' | 'laugh' | 'emphasize' | 'question' | 'custom' | 'sticker';
export type SentStatus = 'pending' | 'queued' | 'sent' | 'delivered' | 'failed';

export interface AccountRec {
  id: 'primary' | 'other';
  token: string;
  phoneNumbers: PhoneRec[];
}

export interface PhoneRec {
  v2Id: number;
  uuid: string;
  number: string;
  forwardingNumber: string | null;
  responseRate: number;
  accountId: AccountRec['id'];
}

export interface HandleRec {
  v2Id: number;
  uuid: string;
  address: string;
  service: ServiceName;
  isMe: boolean;
  status: 'active' | 'left' | 'removed';
  joinedAt: string;
  leftAt: string | null;
}

export interface DecorationRec {
  range: [number, number];
  style?: 'bold' | 'italic' | 'strikethrough' | 'underline';
  animation?: 'big' | 'small' | 'shake' | 'nod' | 'explode' | 'ripple' | 'bloom' | 'jitter';
}

export interface StickerRec {
  url: string;
  mimeType: string;
  width: number;
  height: number;
  fileName: string;
}

export interface ReactionRec {
  v2Id: number;
  message: MessageRec;
  partIndex: number;
  type: ReactionKind;
  customEmoji: string | null;
  sticker: StickerRec | null;
  handle: HandleRec;
  createdAt: string;
}

export type PartRec =
  | { type: 'text'; value: string; decorations: DecorationRec[]; reactions: ReactionRec[] }
  | { type: 'media'; attachment: AttachmentRec; reactions: ReactionRec[] }
  | { type: 'link'; value: string; reactions: ReactionRec[] };

export interface MessageRec {
  v2Id: number;
  uuid: string;
  chat: ChatRec;
  from: HandleRec;
  isFromMe: boolean;
  parts: PartRec[];
  sentAt: string;
  deliveredAt: string | null;
  readAt: string | null;
  editedAt: string | null;
  createdAt: string;
  updatedAt: string;
  status: SentStatus;
  service: ServiceName;
  /** The sender's `preferred_service`, echoed by v3; null when none was asked for. */
  preferredService: ServiceName | null;
  replyTo: { messageId: string; partIndex: number } | null;
  effect: { type: 'screen' | 'bubble'; name: string } | null;
  idempotencyKey: string | null;
}

export interface ChatRec {
  v2Id: number;
  uuid: string;
  accountId: AccountRec['id'];
  /** The account's own number in this chat. */
  ownerNumber: string;
  /** A manually set group name; null means "derived from the participants". */
  displayName: string | null;
  service: ServiceName;
  isGroup: boolean;
  isArchived: boolean;
  handles: HandleRec[];
  createdAt: string;
  updatedAt: string;
  /** Ascending by (sentAt, v2Id). */
  messages: MessageRec[];
  /** idempotency key → the message it created, plus the v3 202 body when sent through v3. */
  idempotency: Map<string, { message: MessageRec; v3Body: unknown }>;
}

export interface AttachmentRec {
  uuid: string;
  accountId: AccountRec['id'];
  filename: string;
  contentType: string;
  sizeBytes: number;
  status: 'pending' | 'complete' | 'failed';
  createdAt: string;
  /** Where the bytes are served from (fake CDN url for seeded and URL media). */
  url: string;
  /** Secret of the presigned upload URL. */
  uploadSecret: string;
  receivedBytes: number;
  sha256: string | null;
}
