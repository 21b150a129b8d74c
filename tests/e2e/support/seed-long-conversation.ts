// Test support: writes a long conversation straight into a data folder's SQLite file through the
// real repositories, before the web host opens it. Messages are numbered ("Message 0042") so a test
// can tell which rows are on screen; answers vary in shape (lists, code, math, tables) and length,
// so rows differ in height as real ones do.
import { join } from 'node:path';
import { createConversation } from '../../../src/main/db/history/conversations-repo';
import { insertMessage } from '../../../src/main/db/history/messages-repo';
import { openDatabase } from '../../../src/main/db/lifecycle/open-database';
import type { MessageId } from '../../../src/shared/ids';

export interface SeededConversation {
  title: string;
  count: number;
}

/** The label of message `n` (1-based), as it appears at the start of its text. */
export const messageLabel = (n: number): string => `Message ${String(n).padStart(4, '0')}`;

function answerBody(n: number): string {
  switch (n % 5) {
    case 0:
      return `A short answer.`;
    case 1:
      return ['A list:', '', '- first point', '- second point', '- third point'].join('\n');
    case 2:
      return ['Some code:', '', '```ts', `export const value${n} = ${n} * 2;`, 'console.log(value);', '```'].join('\n');
    case 3:
      return `A formula $x_${n} = \\frac{${n}}{2}$ inside a sentence that goes on long enough to wrap onto a second line in a normal window, and then a little further.`;
    default:
      return ['| a | b |', '|---|---|', `| ${n} | ${n * 2} |`, '| x | y |'].join('\n');
  }
}

export function seedLongConversation(
  dataDir: string,
  count: number,
  title = 'Three thousand messages',
): SeededConversation {
  const db = openDatabase(join(dataDir, 'runnel.sqlite'));
  try {
    db.transaction(() => {
      const start = Date.now() - count * 1000;
      const conversation = createConversation(db, { title, backendId: null, model: 'fake-chat', now: start });
      let parentId: MessageId | null = null;
      for (let n = 1; n <= count; n++) {
        const role = n % 2 === 1 ? 'user' : 'assistant';
        const content = role === 'user' ? `${messageLabel(n)}: a question` : `${messageLabel(n)}. ${answerBody(n)}`;
        const message = insertMessage(db, {
          conversationId: conversation.id,
          parentId,
          role,
          content,
          status: 'done',
          backendId: null,
          model: role === 'assistant' ? 'fake-chat' : null,
          params: {},
          now: start + n * 1000,
        });
        parentId = message.id;
      }
    })();
  } finally {
    db.close();
  }
  return { title, count };
}
