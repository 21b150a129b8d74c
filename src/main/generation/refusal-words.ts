// Why main refused a staged file, as a sentence of the generation word book (the English is the
// same as `refusalText` in shared/attachment-rules.ts, which the tests compare).
import { attachmentLimits, megabytes, type AttachmentRefusal } from '../../shared/attachment-rules';
import type { Spoken } from '../../shared/words/define-words';
import { generationWords } from '../../shared/words/generation-words';

export function refusalWords(name: string, refusal: AttachmentRefusal): Spoken {
  const file = `"${name.slice(0, 120)}"`;
  switch (refusal.reason) {
    case 'type':
      return generationWords.say('fileType', { file });
    case 'too-large':
      return generationWords.say(refusal.kind === 'image' ? 'imageTooLarge' : 'textTooLarge', {
        file,
        size: megabytes(refusal.limit),
      });
    case 'empty':
      return generationWords.say('fileEmpty', { file });
    case 'not-text':
      return generationWords.say('notUtf8', { file });
    case 'name':
      return generationWords.say('nameLength', { max: attachmentLimits.nameLength });
  }
}
