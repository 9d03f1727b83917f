/**
 * The content of a message: an ordered union of parts, and its attachments.
 * v2 messages (text + attachments) appear as [TextPart] followed by one MediaPart per file.
 */
import type { Attachment, MessagePart, TextDecoration } from '../../upstream/model.js';
import { builder } from '../builder.js';

type Part<K extends MessagePart['kind']> = Extract<MessagePart, { kind: K }>;

export const AttachmentRef = builder.objectRef<Attachment>('Attachment').implement({
  description: 'A file sent with a message.',
  fields: (t) => ({
    url: t.field({
      type: 'URL',
      nullable: true,
      description: 'Where to download the file. On v3 the link expires after about an hour.',
      resolve: (a) => a.url,
    }),
    filename: t.string({
      nullable: true,
      description: 'Original file name.',
      resolve: (a) => a.filename,
    }),
    mimeType: t.string({
      nullable: true,
      description: 'MIME type, e.g. image/jpeg.',
      resolve: (a) => a.mimeType,
    }),
    sizeBytes: t.int({
      nullable: true,
      description: 'Size in bytes.',
      resolve: (a) => a.sizeBytes,
    }),
  }),
});

const TextDecorationRef = builder.objectRef<TextDecoration>('TextDecoration').implement({
  description: 'Styling or animation of a range of a text part (v3 only).',
  fields: (t) => ({
    start: t.int({
      description: 'Start of the range, in UTF-16 code units.',
      resolve: (d) => d.start,
    }),
    end: t.int({
      description: 'End of the range (exclusive), in UTF-16 code units.',
      resolve: (d) => d.end,
    }),
    style: t.string({
      nullable: true,
      description: 'Text style, e.g. bold.',
      resolve: (d) => d.style,
    }),
    animation: t.string({
      nullable: true,
      description: 'Text animation, e.g. shake.',
      resolve: (d) => d.animation,
    }),
  }),
});

const partIndex = {
  description: 'Position of the part in the message (reactions and replies refer to it).',
};

export const TextPartRef = builder.objectRef<Part<'text'>>('TextPart').implement({
  description: 'A run of text.',
  fields: (t) => ({
    index: t.int({ ...partIndex, resolve: (p) => p.index }),
    text: t.string({ description: 'The text.', resolve: (p) => p.value }),
    decorations: t.field({
      type: [TextDecorationRef],
      description: 'Styled or animated ranges of the text (always empty on v2).',
      resolve: (p) => p.decorations,
    }),
  }),
});

export const MediaPartRef = builder.objectRef<Part<'media'>>('MediaPart').implement({
  description: 'An attached file.',
  fields: (t) => ({
    index: t.int({ ...partIndex, resolve: (p) => p.index }),
    attachment: t.field({
      type: AttachmentRef,
      description: 'The file.',
      resolve: (p) => p.attachment,
    }),
  }),
});

export const LinkPartRef = builder.objectRef<Part<'link'>>('LinkPart').implement({
  description: 'A link shown as a rich preview (v3 only).',
  fields: (t) => ({
    index: t.int({ ...partIndex, resolve: (p) => p.index }),
    url: t.field({ type: 'URL', description: 'The link.', resolve: (p) => p.url }),
  }),
});

export const MessagePartUnion = builder.unionType('MessagePart', {
  description: 'One part of a message: text, a file, or a link.',
  types: [TextPartRef, MediaPartRef, LinkPartRef],
  resolveType: (part: MessagePart) => {
    switch (part.kind) {
      case 'text':
        return TextPartRef;
      case 'media':
        return MediaPartRef;
      case 'link':
        return LinkPartRef;
    }
  },
});
