// Puts a conversation's messages parents-first (the order foreign keys need) and picks the branch
// to show, refusing trees that do not hold together: a missing parent, a cycle, a repeated id.
import type { Spoken } from '../../shared/words/define-words';
import { transferWords } from '../../shared/words/transfer-words';
import { WordsError } from './words-error';

export interface TreeNode {
  id: string;
  parentId: string | null;
  createdAt: number;
}

export class TreeError extends WordsError {
  constructor(words: Spoken) {
    super(words);
    this.name = 'TreeError';
  }
}

/**
 * Parents before children; siblings oldest first, then in their given order. `known` holds ids of
 * messages already stored in this conversation, which a parentId may also point to.
 */
export function orderParentsFirst<T extends TreeNode>(
  nodes: readonly T[],
  known: ReadonlySet<string> = new Set(),
): T[] {
  const byId = new Map<string, T>();
  for (const node of nodes) {
    if (byId.has(node.id)) throw new TreeError(transferWords.say('messageTwice', { id: node.id }));
    byId.set(node.id, node);
  }
  const children = new Map<string | null, T[]>();
  for (const node of nodes) {
    const parent = node.parentId;
    if (parent !== null && !byId.has(parent) && !known.has(parent)) {
      throw new TreeError(transferWords.say('parentMissing', { id: node.id, parent }));
    }
    // Children of stored messages start where their stored parent is; they are roots of this list.
    const key = parent !== null && byId.has(parent) ? parent : null;
    const list = children.get(key) ?? [];
    list.push(node);
    children.set(key, list);
  }
  const ordered: T[] = [];
  const queue: T[] = [...sortSiblings(children.get(null) ?? [])];
  for (let i = 0; i < queue.length; i++) {
    const node = queue[i] as T;
    ordered.push(node);
    for (const child of sortSiblings(children.get(node.id) ?? [])) queue.push(child);
  }
  if (ordered.length !== nodes.length) {
    throw new TreeError(transferWords.say('loopUnplaced'));
  }
  return ordered;
}

function sortSiblings<T extends TreeNode>(list: T[]): T[] {
  return list
    .map((node, i) => ({ node, i }))
    .sort((a, b) => a.node.createdAt - b.node.createdAt || a.i - b.i)
    .map((x) => x.node);
}

/** The newest message without children: the branch to show when the file names none. */
export function newestLeaf<T extends TreeNode>(nodes: readonly T[]): T | null {
  const parents = new Set(nodes.map((n) => n.parentId));
  let best: T | null = null;
  for (const node of nodes) {
    if (parents.has(node.id)) continue;
    if (!best || node.createdAt >= best.createdAt) best = node;
  }
  return best;
}
