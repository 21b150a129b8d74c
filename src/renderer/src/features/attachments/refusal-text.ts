// Why a file was not attached, in the user's language.
import { attachmentLimits } from '../../../../shared/attachment-rules';
import type { Refusal } from './admit-files';
import type { attachmentMessages } from './attachment-messages';

type Strings = (typeof attachmentMessages)['en'];

export function refusalText(m: Strings, { name, refusal }: Refusal): string {
  switch (refusal.reason) {
    case 'type':
      return m.refusedType(name);
    case 'too-large':
      return refusal.kind === 'image'
        ? m.refusedImageSize(name, refusal.limit)
        : m.refusedTextSize(name, refusal.limit);
    case 'empty':
      return m.refusedEmpty(name);
    case 'not-text':
      return m.refusedNotText(name);
    case 'name':
      return m.refusedName;
    case 'count':
      return m.refusedCount(attachmentLimits.perMessage);
    case 'total':
      return m.refusedTotal(attachmentLimits.messageBytes);
    case 'unreadable':
      return m.refusedUnreadable(name);
  }
}
