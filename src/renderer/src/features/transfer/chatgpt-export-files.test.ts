// Picking the conversation files out of an unzipped ChatGPT export folder.
import { describe, expect, it } from 'vitest';
import { conversationFilesOf } from './chatgpt-export-files';

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
