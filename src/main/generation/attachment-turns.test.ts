// Files as the model sees them: text folded into the user's message as fenced blocks named by the
// file, images carried beside it, and images refused for kinds that cannot send them.
import { describe, expect, it } from 'vitest';
import { ChatFailure } from '../../shared/chat-error';
import { insertAttachments } from '../db/history/attachments-repo';
import { createConversation } from '../db/history/conversations-repo';
import { insertMessage } from '../db/history/messages-repo';
import { openTemp } from '../db/temp-database';
import { assertImagesAccepted, fileBlock, refuseImagesBefore, withFiles } from './attachment-turns';

const text = (name: string, body: string) => ({
  name,
  mime: 'text/plain',
  kind: 'text' as const,
  data: new TextEncoder().encode(body),
});
const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
const image = { name: 'cat.png', mime: 'image/png', kind: 'image' as const, data: png };

describe('fileBlock', () => {
  it('introduces the text by the file name in a fence labelled by its type', () => {
    expect(fileBlock('data.csv', 'a,b\n1,2\n')).toBe('File: data.csv\n```csv\na,b\n1,2\n```');
  });

  it('uses a longer fence when the file holds one, drops a BOM, and normalises CRLF', () => {
    const readme = '\uFEFFTitle\r\n```js\r\nx()\r\n```\r\n';
    expect(fileBlock('README.md', readme)).toBe('File: README.md\n````md\nTitle\n```js\nx()\n```\n````');
  });

  it('leaves the label out when the type is not a plain word', () => {
    expect(fileBlock('weird.na me', 'x')).toBe('File: weird.na me\n```\nx\n```');
  });
});

describe('withFiles', () => {
  it('puts text files first, in order, then the user’s words; images go beside as base64', () => {
    const turn = withFiles({ role: 'user', content: 'Compare these' }, [
      text('a.txt', 'first'),
      image,
      text('b.json', '{"k": 1}'),
    ]);
    expect(turn.content).toBe(
      'File: a.txt\n```txt\nfirst\n```\n\nFile: b.json\n```json\n{"k": 1}\n```\n\nCompare these',
    );
    expect(turn.images).toEqual([{ mime: 'image/png', base64: Buffer.from(png).toString('base64') }]);
  });

  it('keeps a turn without files as it was, and one with an image only has its text unchanged', () => {
    const plain = { role: 'user' as const, content: 'hi' };
    expect(withFiles(plain, undefined)).toBe(plain);
    expect(withFiles(plain, [image])).toEqual({
      ...plain,
      images: [{ mime: 'image/png', base64: 'iVBORw0KGgoBAgM=' }],
    });
    expect(withFiles({ role: 'user', content: '' }, [text('only.md', '# x')]).content).toBe(
      'File: only.md\n```md\n# x\n```',
    );
  });
});

describe('refusing images', () => {
  const withImage = [{ role: 'user' as const, content: 'look', images: [{ mime: 'image/png', base64: 'AA==' }] }];

  it('lets vision kinds through and stops the others before any request', () => {
    for (const kind of ['openai-chat', 'openai-responses', 'anthropic', 'ollama', 'openai-realtime'] as const) {
      expect(() => assertImagesAccepted(kind, withImage)).not.toThrow();
    }
    for (const kind of ['triton-grpc', 'koboldcpp', 'websocket-json', 'runpod'] as const) {
      expect(() => assertImagesAccepted(kind, withImage)).toThrow(ChatFailure);
      expect(() => assertImagesAccepted(kind, [{ role: 'user', content: 'text only' }])).not.toThrow();
    }
    expect(() => assertImagesAccepted('koboldcpp', withImage)).toThrow(
      /Images cannot be sent here: KoboldCpp backends take text only/,
    );
  });

  it('refuses before storing: new images, or images earlier in the branch, but never text files', () => {
    const db = openTemp();
    const conversation = createConversation(db, { title: 't', backendId: null, model: null, now: 1 });
    const user = insertMessage(db, {
      conversationId: conversation.id,
      parentId: null,
      role: 'user',
      content: 'see',
      status: 'done',
      backendId: null,
      model: null,
      params: {},
      now: 1,
    });
    expect(() => refuseImagesBefore(db, 'runpod', null, [{ kind: 'text' }])).not.toThrow();
    expect(() => refuseImagesBefore(db, 'runpod', null, [{ kind: 'image' }])).toThrow(/RunPod backends take text only/);
    expect(() => refuseImagesBefore(db, 'runpod', conversation.id, [])).not.toThrow();
    insertAttachments(db, user.id, [image], 2);
    expect(() => refuseImagesBefore(db, 'runpod', conversation.id, [])).toThrow(
      /This conversation contains images, but RunPod backends take text only/,
    );
    expect(() => refuseImagesBefore(db, 'ollama', conversation.id, [{ kind: 'image' }])).not.toThrow();
  });
});
