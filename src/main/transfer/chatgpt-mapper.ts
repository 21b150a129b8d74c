// Maps one conversation of a ChatGPT data export (an element of conversations.json or of a
// conversations-NNN.json part) to Runnel's message tree. ChatGPT stores a tree in `mapping`: nodes
// with `parent`, `children` and a `message` (or null for the synthetic root); `current_node` is the
// leaf of the branch the user last saw. Hidden, system and tool nodes are dropped and their
// children re-attached to the nearest kept ancestor, so every branch survives; "thoughts" nodes
// become the reasoning of the answer that follows them. Ids are derived from ChatGPT's, so a second
// import of the same export finds what the first one wrote.
import type { MessageRole } from '../../shared/domain';
import { asConversationId, asMessageId, type MessageId } from '../../shared/ids';
import { noMetrics } from '../db/history/message-row';
import { titleFrom } from '../generation/title-from';
import type { ImportedConversation, ImportedMessage } from './imported-conversation';
import { stableId } from './stable-id';
import { newestLeaf } from './tree-order';
import { transferWords } from '../../shared/words/transfer-words';
import { WordsError } from './words-error';

export const chatGptLimits = { nodes: 200_000, textChars: 50_000_000 };

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/** A node as far as the mapping goes: what it says, and whether it stays. */
interface NodeInfo {
  key: string;
  parent: string | null;
  /** Position among its parent's children, to order siblings that share a time. */
  order: number;
  kept: {
    role: MessageRole;
    content: string;
    model: string | null;
    status: ImportedMessage['status'];
    finish: string | null;
  } | null;
  /** Reasoning this node carries to the next kept answer below it. */
  reasoning: string;
  time: number | null;
}

/** True when the value looks like a ChatGPT conversation (has a `mapping` object). */
export function isChatGptConversation(value: unknown): boolean {
  return isObject(value) && isObject(value.mapping);
}

export function mapChatGptConversation(value: unknown): ImportedConversation {
  if (!isObject(value)) throw new WordsError(transferWords.say('notChatGptObject'));
  const mapping = value.mapping;
  if (!isObject(mapping)) throw new WordsError(transferWords.say('noMapping'));

  // A Map, not the parsed object, from here on: keys like "__proto__" stay plain keys.
  const raw = new Map<string, Json>();
  for (const [key, node] of Object.entries(mapping)) {
    if (raw.size >= chatGptLimits.nodes)
      throw new WordsError(transferWords.say('tooManyMessages', { max: chatGptLimits.nodes }));
    if (isObject(node)) raw.set(key, node);
  }

  const sourceId = str(value.conversation_id) ?? str(value.id);
  const title = str(value.title)?.trim() ?? '';
  const conversationTime = seconds(value.create_time);
  const conversationId = sourceId
    ? stableId('chatgpt', sourceId)
    : stableId('chatgpt-untitled', title, String(conversationTime), [...raw.keys()].sort().join(','));
  const messageId = (key: string): MessageId => asMessageId(stableId('chatgpt', sourceId ?? conversationId, key));

  const infos = new Map<string, NodeInfo>();
  for (const [key, node] of raw) {
    const parentKey = str(node.parent);
    const parent = parentKey !== null && parentKey !== key && raw.has(parentKey) ? parentKey : null;
    const siblings = parent === null ? [] : raw.get(parent)?.children;
    const order = Array.isArray(siblings) ? siblings.indexOf(key) : -1;
    infos.set(key, { key, parent, order: order < 0 ? Number.MAX_SAFE_INTEGER : order, ...readNode(node) });
  }

  // For each node, as seen from its children: the nearest kept node at or above it, and the
  // reasoning gathered from dropped nodes on the way. Memoized; a loop in the parents reads as a root.
  const below = new Map<string, { anchor: string | null; reasoning: string[] }>();
  const resolve = (start: string): { anchor: string | null; reasoning: string[] } => {
    const path: string[] = [];
    const onPath = new Set<string>();
    let cursor: string | null = start;
    let base: { anchor: string | null; reasoning: string[] } = { anchor: null, reasoning: [] };
    while (cursor !== null) {
      const known = below.get(cursor);
      if (known) {
        base = known;
        break;
      }
      if (onPath.has(cursor)) break;
      onPath.add(cursor);
      path.push(cursor);
      const info = infos.get(cursor);
      if (!info || info.kept) break;
      cursor = info.parent;
    }
    for (let i = path.length - 1; i >= 0; i--) {
      const info = infos.get(path[i] as string) as NodeInfo;
      base = info.kept
        ? { anchor: info.key, reasoning: [] }
        : { anchor: base.anchor, reasoning: info.reasoning ? [...base.reasoning, info.reasoning] : base.reasoning };
      below.set(info.key, base);
    }
    return base;
  };

  const messages: (ImportedMessage & { order: number; timed: boolean })[] = [];
  const fallbackTime = conversationTime ?? 0;
  for (const info of infos.values()) {
    if (!info.kept) continue;
    const above = info.parent === null ? { anchor: null, reasoning: [] } : resolve(info.parent);
    const reasoning =
      info.kept.role === 'assistant' ? [...above.reasoning, info.reasoning].filter(Boolean).join('\n\n') : '';
    messages.push({
      id: messageId(info.key),
      parentId: above.anchor === null ? null : messageId(above.anchor),
      role: info.kept.role,
      content: info.kept.content,
      reasoning,
      status: info.kept.status,
      error: null,
      backendId: null,
      model: info.kept.model,
      params: {},
      metrics: { ...noMetrics, finishReason: info.kept.finish },
      createdAt: info.time ?? fallbackTime,
      updatedAt: info.time ?? fallbackTime,
      activeAt: null,
      attachments: [],
      order: info.order,
      timed: info.time !== null,
    });
  }
  if (messages.length === 0) throw new WordsError(transferWords.say('noMessages'));

  const ordered = parentsFirst(messages);
  if (ordered.length !== messages.length) throw new WordsError(transferWords.say('loop'));
  // A message without a time of its own is dated with its parent, never before it.
  const byId = new Map(ordered.map((m) => [m.id, m]));
  for (const m of ordered) {
    const parent = m.parentId === null ? undefined : byId.get(m.parentId);
    if (!m.timed && parent && parent.createdAt > m.createdAt) m.createdAt = m.updatedAt = parent.createdAt;
  }

  const leafKey = str(value.current_node);
  const leafAnchor = leafKey !== null && infos.has(leafKey) ? resolve(leafKey).anchor : null;
  const activeLeafId = leafAnchor !== null ? messageId(leafAnchor) : (newestLeaf(ordered)?.id ?? null);

  const created = conversationTime ?? Math.min(...ordered.map((m) => m.createdAt));
  const updated = seconds(value.update_time) ?? Math.max(created, ...ordered.map((m) => m.updatedAt));
  const firstUser = ordered.find((m) => m.role === 'user');
  return {
    id: asConversationId(conversationId),
    title: title || (firstUser ? titleFrom(firstUser.content) : 'ChatGPT conversation'),
    backendId: null,
    model: str(value.default_model_slug),
    pinned: value.is_starred === true,
    systemPrompt: '',
    contextOverflow: 'drop-oldest',
    params: {},
    createdAt: created,
    updatedAt: Math.max(created, updated),
    activeLeafId,
    messages: ordered.map(({ order: _order, timed: _timed, ...m }) => m),
  };
}

/** Seconds since 1970 (a float, or an ISO date in some older exports) to whole milliseconds. */
function seconds(v: unknown): number | null {
  if (typeof v === 'number' && Number.isFinite(v) && v >= 0 && v < 1e13) return Math.round(v * 1000);
  if (typeof v === 'string') {
    const ms = Date.parse(v);
    return Number.isFinite(ms) && ms >= 0 ? ms : null;
  }
  return null;
}

/** Parents before children; siblings by time, then by their place in the parent's `children`. */
function parentsFirst<T extends { id: string; parentId: string | null; createdAt: number; order: number }>(
  list: T[],
): T[] {
  const children = new Map<string | null, T[]>();
  for (const m of list) {
    const group = children.get(m.parentId) ?? [];
    group.push(m);
    children.set(m.parentId, group);
  }
  const sort = (group: T[]) =>
    group.sort((a, b) => a.createdAt - b.createdAt || a.order - b.order || (a.id < b.id ? -1 : 1));
  const out: T[] = [];
  const queue = sort(children.get(null) ?? []);
  for (let i = 0; i < queue.length; i++) {
    const m = queue[i] as T;
    out.push(m);
    queue.push(...sort(children.get(m.id) ?? []));
  }
  return out;
}

/** What one node holds: a message to keep (with its text) or reasoning to pass down, or nothing. */
function readNode(node: Json): Pick<NodeInfo, 'kept' | 'reasoning' | 'time'> {
  const message = node.message;
  if (!isObject(message)) return { kept: null, reasoning: '', time: null };
  const time = seconds(message.create_time);
  const author = isObject(message.author) ? message.author : {};
  const role = str(author.role);
  const content = isObject(message.content) ? message.content : {};
  const type = str(content.content_type) ?? 'text';
  const metadata = isObject(message.metadata) ? message.metadata : {};
  const recipient = str(message.recipient);
  const channel = str(message.channel);
  const hidden = metadata.is_visually_hidden_from_conversation === true || message.weight === 0;
  const none = { kept: null, reasoning: '', time };

  if (type === 'thoughts') return { kept: null, reasoning: thoughtsText(content), time };
  if (role === 'assistant' && (channel === 'analysis' || channel === 'commentary')) {
    return { kept: null, reasoning: clean(partsText(content)), time };
  }
  // Tool calls (an answer addressed to a tool), tool output, custom instructions, recaps: not chat turns.
  if (role !== 'user' && role !== 'assistant' && role !== 'system') return none;
  if (hidden || type === 'user_editable_context' || type === 'reasoning_recap' || type === 'model_editable_context') {
    return none;
  }
  if (role === 'assistant' && recipient !== null && recipient !== 'all') return none;

  const text = clean(type === 'code' ? codeText(content) : partsText(content)).trim();
  if (!text) return none;
  const finishDetails = isObject(metadata.finish_details) ? metadata.finish_details : {};
  const finishType = str(finishDetails.type);
  const status: ImportedMessage['status'] =
    str(message.status) === 'in_progress' ? 'interrupted' : finishType === 'interrupted' ? 'cancelled' : 'done';
  const finish = finishType === 'max_tokens' ? 'length' : finishType === 'stop' ? 'stop' : null;
  return {
    kept: {
      role,
      content: text.length > chatGptLimits.textChars ? text.slice(0, chatGptLimits.textChars) : text,
      model: role === 'assistant' ? str(metadata.model_slug) : null,
      status: role === 'assistant' ? status : 'done',
      finish: role === 'assistant' ? finish : null,
    },
    reasoning: '',
    time,
  };
}

/** Text parts as they read; images (which the export keeps as separate files) as a short note. */
function partsText(content: Json): string {
  const parts = Array.isArray(content.parts) ? content.parts : [];
  const pieces: string[] = [];
  for (const part of parts) {
    if (typeof part === 'string') {
      if (part) pieces.push(part);
    } else if (isObject(part)) {
      const kind = str(part.content_type);
      if (kind === 'image_asset_pointer') pieces.push(`[Image: ${assetName(str(part.asset_pointer))}]`);
      else if (kind === 'audio_transcription' && str(part.text)) pieces.push(str(part.text) as string);
      else if (str(part.text)) pieces.push(str(part.text) as string);
    }
  }
  if (pieces.length === 0 && str(content.text)) pieces.push(str(content.text) as string);
  return pieces.join('\n\n');
}

function codeText(content: Json): string {
  const text = str(content.text) ?? '';
  const language = (str(content.language) ?? '').replace(/[^\w+#.-]/g, '');
  const fence = text.includes('```') ? '~~~~' : '```';
  return `${fence}${language === 'unknown' ? '' : language}\n${text}\n${fence}`;
}

function thoughtsText(content: Json): string {
  const thoughts = Array.isArray(content.thoughts) ? content.thoughts : [];
  return thoughts
    .filter(isObject)
    .map((t) => {
      const summary = str(t.summary)?.trim();
      const body = str(t.content)?.trim() ?? '';
      return summary ? `**${summary}**\n\n${body}`.trim() : body;
    })
    .filter(Boolean)
    .join('\n\n');
}

function assetName(pointer: string | null): string {
  if (!pointer) return 'not included in the export';
  return pointer.replace(/^[a-z-]+:\/\//, '');
}

// ChatGPT marks citations and entities with private-use characters (U+E200…U+E202) that mean
// nothing outside its UI.
const privateMarkup = /\ue200[^\ue201]*\ue201/g;
const clean = (text: string): string => text.replace(privateMarkup, '');
