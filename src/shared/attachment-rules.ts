// What may be attached to a message, decided the same way in the renderer (to refuse at once, in the
// user's language) and in main (which has the last word): images by their magic bytes, never by
// their name; text files by an allowlist of names and by being valid UTF-8 without NUL bytes.
import type { BackendKind } from './domain';

export const attachmentKinds = ['image', 'text'] as const;
export type AttachmentKind = (typeof attachmentKinds)[number];

export const imageMimes = ['image/png', 'image/jpeg', 'image/webp', 'image/gif'] as const;
export type ImageMime = (typeof imageMimes)[number];

export const attachmentLimits = {
  imageBytes: 20 * 1024 * 1024,
  textBytes: 1024 * 1024,
  perMessage: 10,
  /** Every file of one message together: one request body must stay sendable. */
  messageBytes: 50 * 1024 * 1024,
  nameLength: 255,
} as const;

/**
 * Bytes per upload piece. A multiple of 3, so each piece is whole base64 on its own, and small
 * enough once encoded (4 MiB) to pass the web host's 8 MiB WebSocket message cap with room to spare.
 */
export const uploadChunkBytes = 3 * 1024 * 1024;
export const uploadChunkChars = (uploadChunkBytes / 3) * 4;

/**
 * Kinds whose API carries images: OpenAI chat `image_url` parts, Responses and Realtime
 * `input_image`, Anthropic `image` blocks, Ollama `images`. Prompt-only kinds (a chat template
 * renders text), custom WebSocket gateways and RunPod's worker-vllm (text messages) cannot.
 */
export const kindsTakingImages: readonly BackendKind[] = [
  'openai-chat',
  'openai-responses',
  'anthropic',
  'ollama',
  'openai-realtime',
];

export const takesImages = (kind: BackendKind): boolean => kindsTakingImages.includes(kind);

const startsWith = (bytes: Uint8Array, prefix: readonly number[], at = 0): boolean =>
  bytes.length >= at + prefix.length && prefix.every((b, i) => bytes[at + i] === b);

const ascii = (text: string): number[] => [...text].map((c) => c.charCodeAt(0));

/** The image type the first bytes say, whatever the file is called (at least 12 bytes for WebP). */
export function sniffImage(head: Uint8Array): ImageMime | null {
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(head, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(head, ascii('GIF87a')) || startsWith(head, ascii('GIF89a'))) return 'image/gif';
  if (startsWith(head, ascii('RIFF')) && startsWith(head, ascii('WEBP'), 8)) return 'image/webp';
  return null;
}

/** Bytes to read before sniffing. */
export const sniffBytes = 16;

const textTypes: Record<string, string> = {
  txt: 'text/plain',
  text: 'text/plain',
  log: 'text/plain',
  md: 'text/markdown',
  markdown: 'text/markdown',
  rst: 'text/plain',
  tex: 'text/plain',
  json: 'application/json',
  jsonl: 'application/json',
  csv: 'text/csv',
  tsv: 'text/tab-separated-values',
  xml: 'application/xml',
  yaml: 'text/yaml',
  yml: 'text/yaml',
  toml: 'text/plain',
  ini: 'text/plain',
  cfg: 'text/plain',
  conf: 'text/plain',
  html: 'text/html',
  htm: 'text/html',
  css: 'text/css',
  scss: 'text/plain',
  js: 'text/javascript',
  mjs: 'text/javascript',
  cjs: 'text/javascript',
  jsx: 'text/javascript',
  ts: 'text/plain',
  tsx: 'text/plain',
  vue: 'text/plain',
  svelte: 'text/plain',
  py: 'text/x-python',
  rb: 'text/plain',
  go: 'text/plain',
  rs: 'text/plain',
  java: 'text/plain',
  kt: 'text/plain',
  kts: 'text/plain',
  scala: 'text/plain',
  swift: 'text/plain',
  c: 'text/x-c',
  h: 'text/x-c',
  cc: 'text/plain',
  cpp: 'text/plain',
  hpp: 'text/plain',
  cs: 'text/plain',
  php: 'text/plain',
  lua: 'text/plain',
  pl: 'text/plain',
  r: 'text/plain',
  dart: 'text/plain',
  sh: 'text/x-shellscript',
  bash: 'text/x-shellscript',
  zsh: 'text/x-shellscript',
  ps1: 'text/plain',
  sql: 'text/plain',
  diff: 'text/plain',
  patch: 'text/plain',
  proto: 'text/plain',
  graphql: 'text/plain',
  dockerfile: 'text/plain',
  makefile: 'text/plain',
};

/** The part of a name that says what text it is: the extension, or the whole name for `Dockerfile`. */
export function textTypeOf(name: string): string {
  const base = name.split(/[\\/]/).pop()?.toLowerCase() ?? '';
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot + 1) : base;
}

/** The MIME type of a text file this app accepts by its name, or null. */
export function textMimeFor(name: string): string | null {
  return textTypes[textTypeOf(name)] ?? null;
}

/** The extensions accepted as text, for a file picker's `accept` list. */
export const textExtensions: readonly string[] = Object.keys(textTypes).filter(
  (t) => t !== 'dockerfile' && t !== 'makefile',
);

/** Strict UTF-8 (no overlongs, no surrogates, nothing past U+10FFFF) and no NUL byte, which marks binary files. */
export function isUtf8Text(bytes: Uint8Array): boolean {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b === 0) return false;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    let cp: number;
    if (b >= 0xc2 && b <= 0xdf) [need, min, cp] = [1, 0x80, b & 0x1f];
    else if (b >= 0xe0 && b <= 0xef) [need, min, cp] = [2, 0x800, b & 0x0f];
    else if (b >= 0xf0 && b <= 0xf4) [need, min, cp] = [3, 0x10000, b & 0x07];
    else return false;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return false;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return false;
    i += need + 1;
  }
  return true;
}

export type AttachmentRefusal =
  | { reason: 'type' }
  | { reason: 'too-large'; kind: AttachmentKind; limit: number }
  | { reason: 'empty' }
  | { reason: 'not-text' }
  | { reason: 'name' };

export interface AttachmentType {
  kind: AttachmentKind;
  mime: string;
}

export const maxBytesFor = (kind: AttachmentKind): number =>
  kind === 'image' ? attachmentLimits.imageBytes : attachmentLimits.textBytes;

/**
 * What a file is from its name, its first bytes and its size, before the rest is read: an image
 * when the bytes say so (a `.txt` holding a PNG is a PNG), otherwise text when the name is on the
 * list. Text still has to pass `isUtf8Text` once read whole.
 */
export function classifyAttachment(name: string, head: Uint8Array, size: number): AttachmentType | AttachmentRefusal {
  if (name.trim() === '' || name.length > attachmentLimits.nameLength) return { reason: 'name' };
  if (size === 0) return { reason: 'empty' };
  const image = sniffImage(head);
  const type: AttachmentType | null = image
    ? { kind: 'image', mime: image }
    : textMimeFor(name)
      ? { kind: 'text', mime: textMimeFor(name)! }
      : null;
  if (!type) return { reason: 'type' };
  const limit = maxBytesFor(type.kind);
  if (size > limit) return { reason: 'too-large', kind: type.kind, limit };
  return type;
}

export const isRefusal = (v: AttachmentType | AttachmentRefusal): v is AttachmentRefusal => 'reason' in v;

export const megabytes = (bytes: number): string => `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;

/** The refusal in English, as main reports it (the renderer has its own catalog strings). */
export function refusalText(name: string, refusal: AttachmentRefusal): string {
  const file = `"${name.slice(0, 120)}"`;
  switch (refusal.reason) {
    case 'type':
      return `${file} cannot be attached: only PNG, JPEG, WebP and GIF images and text files (.txt, .md, .json, .csv, source code) are accepted.`;
    case 'too-large':
      return `${file} is too large: ${refusal.kind === 'image' ? 'images' : 'text files'} can be at most ${megabytes(refusal.limit)}.`;
    case 'empty':
      return `${file} is empty.`;
    case 'not-text':
      return `${file} is not UTF-8 text, so it cannot be attached as a text file.`;
    case 'name':
      return `A file name must have 1 to ${attachmentLimits.nameLength} characters.`;
  }
}
