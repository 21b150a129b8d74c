// The ChatGPT export mapper on recorded exports: branches, the shown one, reasoning, titles, stable
// ids, split files, and entries it refuses.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { mapChatGptConversation } from './chatgpt-mapper';
import type { ImportedConversation, ImportedMessage } from './imported-conversation';
import { stableId } from './stable-id';

const fixtures = fileURLToPath(new URL('../../../tests/fixtures/imports/', import.meta.url));
const load = (name: string): unknown[] => JSON.parse(readFileSync(join(fixtures, name), 'utf8')) as unknown[];

const [sorting, picture, untitled] = load('chatgpt-conversations.json');
const node = (conversation: string, key: string) => stableId('chatgpt', conversation, key);

/** The shown branch: from the active leaf up to the root, root first. */
function branch(c: ImportedConversation): ImportedMessage[] {
  const byId = new Map<string, ImportedMessage>(c.messages.map((m) => [m.id, m]));
  const path: ImportedMessage[] = [];
  for (let m = byId.get(c.activeLeafId ?? ''); m; m = m.parentId ? byId.get(m.parentId) : undefined) path.unshift(m);
  return path;
}

describe('mapChatGptConversation', () => {
  const sortingId = '6613a0b2-aaaa-4bbb-8ccc-000000000001';
  const id = (n: string) => node(sortingId, `9b1c2f3e-00${n}-4a5b-8c9d-0000000000${n}`);

  it('keeps every branch, drops hidden, system and tool nodes, and re-attaches their children', () => {
    const c = mapChatGptConversation(sorting);
    expect(c.id).toBe(stableId('chatgpt', sortingId));
    expect(c.title).toBe('Sorting in Rust');
    expect(c.model).toBe('gpt-4o');
    expect(c.createdAt).toBe(1712000000123);
    expect(c.updatedAt).toBe(1712000900500);
    // Kept: the question, its two answers (one straight, one after a python call), the follow-up and
    // its answer, and the edited first question, which becomes a second root.
    const shape = c.messages.map((m) => [m.id, m.parentId, m.role]);
    expect(shape).toEqual([
      [id('03'), null, 'user'],
      [id('10'), null, 'user'],
      [id('05'), id('03'), 'assistant'],
      [id('08'), id('03'), 'assistant'],
      [id('09'), id('08'), 'user'],
      [id('11'), id('09'), 'assistant'],
    ]);
  });

  it('follows current_node to the active branch', () => {
    const c = mapChatGptConversation(sorting);
    expect(c.activeLeafId).toBe(id('11'));
    expect(branch(c).map((m) => m.content)).toEqual([
      'How do I sort a Vec<f64> in Rust?',
      'In Rust: `v.sort_by(f64::total_cmp);` (it ran: [1.0, 3.0]).',
      'And descending?',
      'Swap the arguments: `v.sort_by(|a, b| b.total_cmp(a));`',
    ]);
  });

  it('turns thoughts into the reasoning of the answer below them, and keeps code and finish details', () => {
    const c = mapChatGptConversation(sorting);
    const answer = c.messages.find((m) => m.id === id('05'));
    expect(answer?.reasoning).toBe(
      '**Floats are not Ord**\n\nf64 has NaN, so sort() does not compile; use sort_by with partial_cmp or total_cmp.',
    );
    // ChatGPT's private citation markers are gone; the code block is intact.
    expect(answer?.content).toBe('Use `total_cmp`:\n\n```rust\nv.sort_by(|a, b| a.total_cmp(b));\n```');
    expect(answer?.model).toBe('o3');
    expect(answer?.metrics.finishReason).toBe('stop');
    expect(answer?.createdAt).toBe(1712000030000);
    const long = c.messages.find((m) => m.id === id('08'));
    expect(long?.metrics.finishReason).toBe('length');
    const stopped = c.messages.find((m) => m.id === id('11'));
    expect(stopped?.status).toBe('cancelled');
    expect(c.messages.every((m) => m.role !== 'user' || m.reasoning === '')).toBe(true);
  });

  it('notes images it cannot carry, and resolves a hidden current node to the answer above it', () => {
    const c = mapChatGptConversation(picture);
    expect(c.pinned).toBe(true);
    expect(c.messages.map((m) => m.content)).toEqual([
      '[Image: file-Ab12Cd34]\n\nWhat is in this picture?',
      'A cat asleep on a keyboard.',
    ]);
    expect(c.activeLeafId).toBe(node('6613a0b2-aaaa-4bbb-8ccc-000000000002', 'aaa1b2c3-a1'));
  });

  it('titles an untitled conversation from its first question and dates timeless messages', () => {
    const c = mapChatGptConversation(untitled);
    expect(c.title).toBe('Translate 早上好 into English');
    expect(c.createdAt).toBe(1714000000750);
    expect(c.messages.map((m) => m.createdAt)).toEqual([1714000000750, 1714000003500]);
    expect(c.updatedAt).toBe(1714000003500);
  });

  it('derives the same ids every time, different per conversation', () => {
    expect(mapChatGptConversation(sorting)).toEqual(mapChatGptConversation(structuredClone(sorting)));
    const split = [...load('chatgpt-split/conversations-000.json'), ...load('chatgpt-split/conversations-001.json')];
    const ids = split.map(mapChatGptConversation).flatMap((c) => [c.id, ...c.messages.map((m) => m.id)]);
    // Every part of the split export uses the node key "root": the derived ids still never collide.
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('keeps the regenerated answer of a split export as a second version', () => {
    const [first] = load('chatgpt-split/conversations-000.json');
    const c = mapChatGptConversation(first);
    const firstQuestion = c.messages[0];
    const answers = c.messages.filter((m) => m.parentId === firstQuestion?.id);
    expect(answers.map((m) => m.content)).toEqual(['Answer one.', 'A second version of this answer.']);
    expect(branch(c).map((m) => m.content)).toEqual([
      'First conversation of part 000',
      'Answer one.',
      'More?',
      'Answer two.',
    ]);
  });

  it('refuses entries that are not conversations, loops, and conversations with nothing to show', () => {
    const [good, text, noMapping, loop, hidden, proto] = load('chatgpt-malformed.json');
    expect(mapChatGptConversation(good).messages).toHaveLength(1);
    expect(() => mapChatGptConversation(text)).toThrow(/expected an object/);
    expect(() => mapChatGptConversation(noMapping)).toThrow(/no "mapping"/);
    expect(() => mapChatGptConversation(loop)).toThrow(/loop/);
    expect(() => mapChatGptConversation(hidden)).toThrow(/no messages/);
    // A node keyed "__proto__" is just a node: nothing leaks into Object.prototype.
    const c = mapChatGptConversation(proto);
    expect(c.messages.map((m) => m.content)).toEqual(['A node named __proto__']);
    expect(c.activeLeafId).toBe(c.messages[0]?.id);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
