// Images a tool returned, judged before they are kept or sent: untrusted bytes, so the type is
// what the magic bytes say (never the server's word), and only the image types attachments take
// (PNG, JPEG, WebP, GIF). Each is capped in size and a result keeps a few; what is left out is
// said in the result's text, for the user and the model alike.
import { sniffBytes, sniffImage } from '../../shared/attachment-rules';
import type { ToolImage } from '../db/history/attachments-repo';
import type { ChatError } from '../../shared/chat-error';
import type { ChatTurn, TurnImage } from '../providers/types';

export const toolImageLimits = {
  /** One image, decoded. */
  bytes: 5 * 1024 * 1024,
  /** Images one result keeps. */
  perResult: 4,
} as const;

export interface AdmittedImages {
  images: ToolImage[];
  /** One line per image left out, saying why. */
  notes: string[];
}

/** Rounded up, so a size just over the limit never reads as the limit itself. */
const megabytes = (bytes: number): string => `${(Math.ceil((bytes / (1024 * 1024)) * 10) / 10).toFixed(1)} MB`;
const base64Text = /^[A-Za-z0-9+/\r\n]*={0,2}\s*$/;

export function admitToolImages(images: readonly TurnImage[]): AdmittedImages {
  const out: AdmittedImages = { images: [], notes: [] };
  for (const image of images) {
    const said = image.mime.slice(0, 100);
    if (out.images.length >= toolImageLimits.perResult) {
      out.notes.push(`[Image left out: a tool result keeps at most ${toolImageLimits.perResult} images]`);
      continue;
    }
    // base64 is 4 characters per 3 bytes: the size is known before decoding anything.
    if ((image.base64.length * 3) / 4 > toolImageLimits.bytes + 3) {
      const size = megabytes((image.base64.length * 3) / 4);
      out.notes.push(`[Image left out: ${size} is over the ${megabytes(toolImageLimits.bytes)} limit]`);
      continue;
    }
    const data = base64Text.test(image.base64) ? Buffer.from(image.base64, 'base64') : Buffer.alloc(0);
    const mime = sniffImage(data.subarray(0, sniffBytes));
    if (!mime) {
      out.notes.push(`[Image left out: not a PNG, JPEG, WebP or GIF image (said ${said})]`);
      continue;
    }
    out.images.push({ mime, data });
  }
  return out;
}

/** The wire form of stored images. */
export const asTurnImages = (images: readonly ToolImage[]): TurnImage[] =>
  images.map((image) => ({ mime: image.mime, base64: image.data.toString('base64') }));

/** The name a tool's image is stored under: the tool's own name, its place, its type. */
export const toolImageName = (toolName: string, index: number, mime: string): string =>
  `${toolName.replace(/[^\w.-]+/g, '_').slice(0, 64) || 'tool'}-image-${index + 1}.${mime.slice(6).replace('jpeg', 'jpg')}`;

/**
 * For a kind that takes no images: each tool result's images become a line saying they were left
 * out (the user's own images are refused before sending instead, attachment-turns.ts).
 */
export function withoutToolImages(turns: readonly ChatTurn[]): ChatTurn[] {
  return turns.map((turn) => {
    if (turn.role !== 'tool' || !turn.images?.length) return turn;
    const { images, ...rest } = turn;
    const what = images.length === 1 ? 'An image' : `${images.length} images`;
    const note = `[${what} the tool returned left out: this model takes text only]`;
    return { ...rest, content: rest.content ? `${rest.content}\n${note}` : note };
  });
}

/**
 * Whether a server's refusal is a model without vision refusing the images of the tool results
 * the request carried (llama.cpp without an mmproj: "image input is not supported"; vLLM: "At most
 * 0 image(s) may be provided"; LM Studio, Ollama: "does not support images"). The request is then
 * sent again with a line in place of each image; a user's own images are refused before sending.
 */
export function refusesToolImages(error: ChatError, turns: readonly ChatTurn[]): boolean {
  if (error.status === undefined || error.status < 400) return false;
  if (!turns.some((t) => t.role === 'tool' && t.images?.length)) return false;
  if (turns.some((t) => t.role !== 'tool' && t.images?.length)) return false;
  return /\b(image|images|image\(s\)|vision|multimodal|multi-modal|mmproj)\b/i.test(error.message);
}
