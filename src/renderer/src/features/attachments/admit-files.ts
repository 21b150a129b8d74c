// Files the user picked, pasted or dropped, checked before they join the message with the rules
// main applies again (attachment-rules.ts): images by their first bytes, text files read whole and
// checked for UTF-8, sizes, and how many and how much one message may carry. Nothing is read past
// a size limit, so a huge file costs nothing.
import {
  attachmentLimits,
  classifyAttachment,
  isRefusal,
  isUtf8Text,
  sniffBytes,
  type AttachmentKind,
  type AttachmentRefusal,
} from '../../../../shared/attachment-rules';

/** A file waiting in the composer. */
export interface PendingAttachment {
  /** Local only, for lists and removal. */
  key: string;
  name: string;
  kind: AttachmentKind;
  mime: string;
  size: number;
  blob: Blob;
}

export type Refusal =
  | { name: string; refusal: AttachmentRefusal }
  | { name: string; refusal: { reason: 'count' } | { reason: 'total' } | { reason: 'unreadable' } };

/** What a browser File gives us; a Blob with a name. */
export interface NamedBlob extends Blob {
  readonly name: string;
}

const extensionOf: Record<string, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/webp': 'webp',
  'image/gif': 'gif',
};

let counter = 0;
const nextKey = (): string => `pending-${++counter}`;

async function admitOne(file: NamedBlob, index: number): Promise<PendingAttachment | Refusal> {
  let head: Uint8Array;
  try {
    head = new Uint8Array(await file.slice(0, sniffBytes).arrayBuffer());
  } catch {
    return { name: file.name, refusal: { reason: 'unreadable' } };
  }
  // A pasted screenshot often has no name; it gets one from its type.
  const provisional = file.name.trim() || `pasted-${index + 1}.png`;
  const type = classifyAttachment(provisional, head, file.size);
  if (isRefusal(type)) return { name: provisional, refusal: type };
  const name = file.name.trim() ? file.name : `pasted-${index + 1}.${extensionOf[type.mime] ?? 'png'}`;
  if (type.kind === 'text') {
    try {
      if (!isUtf8Text(new Uint8Array(await file.arrayBuffer()))) return { name, refusal: { reason: 'not-text' } };
    } catch {
      return { name, refusal: { reason: 'unreadable' } };
    }
  }
  return { key: nextKey(), name, kind: type.kind, mime: type.mime, size: file.size, blob: file };
}

/**
 * Checks `files` in order against what is already attached (`current`): returns those that fit
 * and why the others do not.
 */
export async function admitFiles(
  files: readonly NamedBlob[],
  current: readonly PendingAttachment[],
): Promise<{ added: PendingAttachment[]; refused: Refusal[] }> {
  const added: PendingAttachment[] = [];
  const refused: Refusal[] = [];
  let total = current.reduce((sum, f) => sum + f.size, 0);
  for (const [index, file] of files.entries()) {
    if (current.length + added.length >= attachmentLimits.perMessage) {
      refused.push({ name: file.name, refusal: { reason: 'count' } });
      continue;
    }
    const result = await admitOne(file, current.length + index);
    if ('refusal' in result) {
      refused.push(result);
    } else if (total + result.size > attachmentLimits.messageBytes) {
      refused.push({ name: result.name, refusal: { reason: 'total' } });
    } else {
      total += result.size;
      added.push(result);
    }
  }
  return { added, refused };
}
