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
    url: t.expose('url', {
      type: 'URL',
      nullable: true,
      description: 'Where to download the file. On v3 the link expires after about an hour.',
    }),
    filename: t.exposeString('filename', {
      nullable: true,
      description: 'Original file name.',
    }),
    mimeType: t.exposeString('mimeType', {
      nullable: true,
      description: 'MIME type, e.g. image/jpeg.',
    }),
    sizeBytes: t.exposeInt('sizeBytes', {
      nullable: true,
      description: 'Size in bytes.',
    }),
  }),
});

const TextDecorationRef = builder.objectRef<TextDecoration>('TextDecoration').implement({
  description: 'Styling or animation of a range of a text part (v3 only).',
  fields: (t) => ({
    start: t.exposeInt('start', {
      description: 'Start of the range, in UTF-16 code units.',
    }),
    end: t.exposeInt('end', {
      description: 'End of the range (exclusive), in UTF-16 code units.',
    }),
    style: t.exposeString('style', {
      nullable: true,
      description: 'Text style, e.g. bold.',
    }),
    animation: t.exposeString('animation', {
      nullable: true,
      description: 'Text animation, e.g. shake.',
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
    decorations: t.expose('decorations', {
      type: [TextDecorationRef],
      description: 'Styled or animated ranges of the text (always empty on v2).',
    }),
  }),
});

export const MediaPartRef = builder.objectRef<Part<'media'>>('MediaPart').implement({
  description: 'An attached file.',
  fields: (t) => ({
    index: t.int({ ...partIndex, resolve: (p) => p.index }),
    attachment: t.expose('attachment', {
      type: AttachmentRef,
      description: 'The file.',
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
