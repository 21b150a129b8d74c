// A `tools/call` result as the tool loop takes it: text and images only (audio, embedded resources
// and links become a line of text saying what they were), text capped at a size and marked cut.
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';

export type McpContent = { type: 'text'; text: string } | { type: 'image'; data: string; mimeType: string };

export interface McpToolResult {
  content: McpContent[];
  /** The tool itself reported an error (the model should see it as one). */
  isError: boolean;
  /** Text was cut at the size limit; the last block says so. */
  truncated: boolean;
  structuredContent?: Record<string, unknown>;
}

type Block = CallToolResult['content'][number];

/** base64 length to bytes, for saying how big something left out was. */
const base64Bytes = (data: string) =>
  Math.floor((data.length * 3) / 4) - (data.endsWith('==') ? 2 : data.endsWith('=') ? 1 : 0);
const mime = (m: string | undefined) => (m ? ` (${m})` : '');

function reduce(block: Block): McpContent {
  switch (block.type) {
    case 'text':
      return { type: 'text', text: block.text };
    case 'image':
      return { type: 'image', data: block.data, mimeType: block.mimeType };
    case 'audio':
      return { type: 'text', text: `[Audio${mime(block.mimeType)}, ${base64Bytes(block.data)} bytes, not shown]` };
    case 'resource_link':
      return {
        type: 'text',
        text: `[Resource link: ${block.name} ${block.uri}${mime(block.mimeType)}]${block.description ? `\n${block.description}` : ''}`,
      };
    case 'resource': {
      const r = block.resource;
      if ('text' in r) return { type: 'text', text: `[Resource ${r.uri}${mime(r.mimeType)}]\n${r.text}` };
      if (r.mimeType?.startsWith('image/')) return { type: 'image', data: r.blob, mimeType: r.mimeType };
      return { type: 'text', text: `[Resource ${r.uri}${mime(r.mimeType)}, ${base64Bytes(r.blob)} bytes, not shown]` };
    }
    default:
      return { type: 'text', text: `[Unsupported content: ${String((block as { type?: unknown }).type)}]` };
  }
}

/** The longest start of `text` that fits in `bytes` of UTF-8, never splitting a character. */
export function cutToBytes(text: string, bytes: number): string {
  if (bytes <= 0) return '';
  const { read } = new TextEncoder().encodeInto(text, new Uint8Array(bytes));
  return text.slice(0, read);
}

const kb = (bytes: number) => `${Math.round(bytes / 1024)} KB`;

export function toToolResult(result: CallToolResult, maxTextBytes: number): McpToolResult {
  const blocks = result.content.map(reduce);
  if (blocks.length === 0 && result.structuredContent) {
    blocks.push({ type: 'text', text: JSON.stringify(result.structuredContent) });
  }
  const totalText = blocks.reduce((n, b) => n + (b.type === 'text' ? Buffer.byteLength(b.text) : 0), 0);
  let content = blocks;
  let truncated = false;
  if (totalText > maxTextBytes) {
    truncated = true;
    let left = maxTextBytes;
    content = [];
    for (const b of blocks) {
      if (b.type !== 'text') content.push(b);
      else if (left > 0) {
        const text = cutToBytes(b.text, left);
        left -= Buffer.byteLength(text);
        content.push({ type: 'text', text });
        if (text.length < b.text.length) left = 0;
      }
    }
    content.push({
      type: 'text',
      text: `[Result cut: the first ${kb(maxTextBytes)} of ${kb(totalText)} of text shown]`,
    });
  }
  return {
    content,
    isError: result.isError === true,
    truncated,
    ...(result.structuredContent ? { structuredContent: result.structuredContent } : {}),
  };
}
