import { describe, expect, it } from 'vitest';
import { readableSize } from './data-messages';
import { conversationFilesOf } from './transfer-client';

const file = (path: string): File => {
  const f = new File(['[]'], path.split('/').pop() ?? path);
  Object.defineProperty(f, 'webkitRelativePath', { value: path });
  return f;
};

describe('conversationFilesOf', () => {
  it('keeps the conversation parts of an unzipped ChatGPT export, in numeric order', () => {
    const picked = [
      'export/user.json',
      'export/conversations-010.json',
      'export/chat.html',
      'export/conversations-002.json',
      'export/message_feedback.json',
      'export/conversations.json',
      'export/file-abc/conversations.json.png',
    ].map(file);
    expect(conversationFilesOf(picked).map((f) => f.webkitRelativePath)).toEqual([
      'export/conversations-002.json',
      'export/conversations-010.json',
      'export/conversations.json',
    ]);
  });
});

describe('readableSize', () => {
  it('reads sizes in binary units', () => {
    expect(readableSize(512)).toBe('512 bytes');
    expect(readableSize(1536)).toBe('1.5 KB');
    expect(readableSize(5 * 1024 ** 3)).toBe('5 GB');
  });
});
