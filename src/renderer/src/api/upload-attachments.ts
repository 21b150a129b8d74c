// Sends the composer's files to main before the message: each file in whole-base64 pieces of
// `uploadChunkBytes`, one request a piece; main checks each and answers the last with the file's metadata.
import { uploadChunkBytes } from '../../../shared/attachment-rules';
import type { AttachmentMeta } from '../../../shared/domain';
import type { RequestInput, RequestOutput } from '../../../shared/ipc/contract';
import { request } from './api';
import { blobToBase64 } from './base64';

/** A file as the chat slice sends it. */
export interface OutgoingAttachment {
  name: string;
  blob: Blob;
}

type Stage = (piece: RequestInput<'attachments:stage'>) => Promise<RequestOutput<'attachments:stage'>>;

const stageThroughMain: Stage = (piece) => request('attachments:stage', piece);

// Each piece is whole base64 on its own, and well under the web host's message cap.
async function uploadOne(file: OutgoingAttachment, stage: Stage): Promise<AttachmentMeta> {
  let uploadId: string | undefined;
  for (let at = 0; ; at += uploadChunkBytes) {
    const chunk = await blobToBase64(file.blob.slice(at, at + uploadChunkBytes));
    const last = at + uploadChunkBytes >= file.blob.size;
    const answer = await stage({
      name: file.name,
      chunk,
      last,
      ...(uploadId ? { uploadId } : {}),
    });
    uploadId = answer.uploadId;
    if (last) {
      if (!answer.attachment) throw new Error(`Main did not accept ${file.name}`);
      return answer.attachment;
    }
  }
}

/** Stages every file in order; rejects with main's reason (a ChatFailure) at the first refusal. */
export async function uploadAttachments(
  files: readonly OutgoingAttachment[],
  stage: Stage = stageThroughMain,
): Promise<AttachmentMeta[]> {
  const staged: AttachmentMeta[] = [];
  for (const file of files) staged.push(await uploadOne(file, stage));
  return staged;
}
