// Test and benchmark support: writes history straight into a Runnel database (one transaction,
// prepared statements, the schema's own triggers keeping the search index), either conversations
// spelled out by a test or a large generated history in English and Chinese of realistic lengths
// (e.g. 1,000,000 messages in 20,000 conversations). Deterministic for a given seed.
import { randomUUID } from 'node:crypto';
import { indexStoredMessages } from '../../src/main/db/schema/migrations/005-history-search';
import type { Db } from '../../src/main/db/db';
import type { MessageRole } from '../../src/shared/domain';

export interface SeedMessage {
  role: MessageRole;
  content: string;
  /** Defaults to one minute after the previous message. */
  createdAt?: number;
}

export interface SeedConversation {
  title: string;
  /** A chain of turns, first to last; strings alternate user and assistant, starting with user. */
  messages: readonly (string | SeedMessage)[];
  /** Last activity; defaults to the last message's time. */
  updatedAt?: number;
  createdAt?: number;
  pinned?: boolean;
  /** Soft-deleted at this time (purged when a core next starts). */
  deletedAt?: number;
}

export interface SeededConversation {
  id: string;
  messageIds: string[];
}

const minute = 60_000;
const day = 86_400_000;

function statements(db: Db) {
  return {
    conversation: db.prepare<{
      id: string;
      title: string;
      leaf: string | null;
      pinned: number;
      deleted: number | null;
      created: number;
      updated: number;
    }>(
      `INSERT INTO conversations (id, title, active_leaf_id, pinned, deleted_at, created_at, updated_at)
       VALUES (@id, @title, @leaf, @pinned, @deleted, @created, @updated)`,
    ),
    message: db.prepare<{
      id: string;
      conversation: string;
      parent: string | null;
      role: MessageRole;
      content: string;
      created: number;
    }>(
      `INSERT INTO messages (id, conversation_id, parent_id, role, content, status, created_at, updated_at)
       VALUES (@id, @conversation, @parent, @role, @content, 'done', @created, @created)`,
    ),
  };
}

type Statements = ReturnType<typeof statements>;

function write(s: Statements, spec: SeedConversation, defaultEnd: number): SeededConversation {
  const id = randomUUID();
  const count = spec.messages.length;
  // Without explicit times, messages run a minute apart and end at updatedAt (or now).
  const end = spec.updatedAt ?? defaultEnd;
  let time = end - (count - 1) * minute;
  const messageIds: string[] = [];
  let parent: string | null = null;
  let last = time;
  const rows = spec.messages.map((m, i) => {
    const message: SeedMessage = typeof m === 'string' ? { role: i % 2 ? 'assistant' : 'user', content: m } : m;
    const created = message.createdAt ?? time;
    time = created + minute;
    last = created;
    const messageId = randomUUID();
    messageIds.push(messageId);
    const row = { id: messageId, conversation: id, parent, role: message.role, content: message.content, created };
    parent = messageId;
    return row;
  });
  // The conversation first (messages point at it), then its messages in order.
  s.conversation.run({
    id,
    title: spec.title,
    leaf: null,
    pinned: spec.pinned ? 1 : 0,
    deleted: spec.deletedAt ?? null,
    created: spec.createdAt ?? rows[0]?.created ?? end,
    updated: spec.updatedAt ?? (count ? last : end),
  });
  for (const row of rows) s.message.run(row);
  return { id, messageIds };
}

/** Writes the given conversations in one transaction; returns their ids in the same order. */
export function seedConversations(db: Db, specs: readonly SeedConversation[], now = Date.now()): SeededConversation[] {
  const s = statements(db);
  const setLeaf = db.prepare<[string | null, string]>('UPDATE conversations SET active_leaf_id = ? WHERE id = ?');
  return db.transaction(() =>
    specs.map((spec) => {
      const seeded = write(s, spec, now);
      setLeaf.run(seeded.messageIds.at(-1) ?? null, seeded.id);
      return seeded;
    }),
  )();
}

export interface GeneratedHistory {
  conversations: number;
  /** Messages per conversation on average (each gets between half and one and a half times this). */
  messagesPerConversation: number;
  /** Share of conversations written in Chinese (the rest in English); default 0.5. */
  chinese?: number;
  /** History ends at `now` and reaches back this many days; default 365. */
  spanDays?: number;
  now?: number;
  seed?: number;
  /** Puts this phrase into every `every`-th message, so a benchmark knows how many hits to expect. */
  needle?: { text: string; every: number };
  /** Progress while generating, every 100,000 messages. */
  onProgress?: (messages: number) => void;
}

export interface GeneratedResult {
  conversations: number;
  messages: number;
  /** Messages that contain the needle. */
  needles: number;
}

/** mulberry32: small, fast, good enough to make text; deterministic for a seed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const englishWords = (
  'the model server request response token stream latency memory context window prompt answer question ' +
  'database index query search result message conversation history branch version python function return ' +
  'value error retry timeout connection socket protocol header cache layer batch tensor gradient training ' +
  'inference quantized weights precision throughput kernel cluster node deploy container image volume network ' +
  'please could you explain how why when where which what because therefore however although while during ' +
  'after before about between through under over with without into from this that these those there here ' +
  'simple complex fast slow large small first last next previous better worse good great useful careful ' +
  'example code test build install configure update change improve measure compare check verify write read ' +
  'and or but so if then else is are was were be been has have had do does did can will would should may might'
).split(' ');

const chineseWords = (
  '我们 你 他们 这个 那个 问题 答案 模型 服务器 请求 响应 数据库 索引 查询 搜索 结果 消息 对话 历史 版本 ' +
  '函数 返回 错误 重试 超时 连接 协议 缓存 训练 推理 量化 权重 精度 吞吐量 集群 节点 部署 容器 网络 ' +
  '请 解释 一下 如何 为什么 什么 时候 哪里 因为 所以 但是 虽然 然后 如果 就是 可以 应该 需要 已经 ' +
  '简单 复杂 快速 缓慢 更好 有用 例子 代码 测试 安装 配置 更新 改进 比较 检查 验证 北京 上海 天气 今天 明天'
).split(' ');

function sentence(next: () => number, chinese: boolean): string {
  const words = chinese ? chineseWords : englishWords;
  const length = 6 + Math.floor(next() * 14);
  const picked: string[] = [];
  for (let i = 0; i < length; i++) picked.push(words[Math.floor(next() * words.length)]!);
  if (chinese) return `${picked.join('')}${next() < 0.2 ? '？' : '。'}`;
  const text = picked.join(' ');
  return `${text[0]!.toUpperCase()}${text.slice(1)}${next() < 0.2 ? '?' : '.'}`;
}

/** About `chars` characters of text, in paragraphs. */
function text(next: () => number, chinese: boolean, chars: number): string {
  const paragraphs: string[] = [];
  let current: string[] = [];
  let size = 0;
  while (size < chars) {
    const s = sentence(next, chinese);
    current.push(s);
    size += s.length + 1;
    if (current.length >= 3 + Math.floor(next() * 4)) {
      paragraphs.push(current.join(chinese ? '' : ' '));
      current = [];
    }
  }
  if (current.length) paragraphs.push(current.join(chinese ? '' : ' '));
  return paragraphs.join('\n\n');
}

/** Log-normal-ish lengths: mostly short questions, a long tail of long answers. */
function length(next: () => number, role: MessageRole): number {
  const base = role === 'user' ? 90 : 650;
  const spread = Math.exp((next() + next() + next() - 1.5) * 1.4);
  return Math.max(role === 'user' ? 8 : 40, Math.round(base * spread));
}

/**
 * Generates a large history in one transaction: conversations spread over the span (newest last
 * active at `now`), each a chain of user/assistant turns a minute or so apart. The search index is
 * built once at the end (the per-row trigger is set aside meanwhile): a rebuild is several times
 * faster than indexing row by row.
 */
export function generateHistory(db: Db, opts: GeneratedHistory): GeneratedResult {
  const next = random(opts.seed ?? 1);
  const now = opts.now ?? Date.now();
  const span = (opts.spanDays ?? 365) * day;
  const chineseShare = opts.chinese ?? 0.5;
  const s = statements(db);
  const setLeaf = db.prepare<[string, string]>('UPDATE conversations SET active_leaf_id = ? WHERE id = ?');
  let messages = 0;
  let needles = 0;

  const trigger = db
    .prepare<[], { sql: string }>(
      "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'message_search_insert'",
    )
    .get();
  if (!trigger) throw new Error('This database has no search index trigger: is it migrated?');

  db.transaction(() => {
    db.exec('DROP TRIGGER message_search_insert');
    for (let c = 0; c < opts.conversations; c++) {
      const chinese = next() < chineseShare;
      const count = Math.max(1, Math.round(opts.messagesPerConversation * (0.5 + next())));
      // Oldest conversations first, so rowids follow time as they would in real use.
      const end = now - span + Math.floor(((c + next()) / opts.conversations) * span);
      const turns: SeedMessage[] = [];
      let time = end - count * 2 * minute;
      for (let i = 0; i < count; i++) {
        const role: MessageRole = i % 2 ? 'assistant' : 'user';
        let content = text(next, chinese, length(next, role));
        messages++;
        if (opts.needle && messages % opts.needle.every === 0) {
          const at = Math.floor(next() * content.length);
          content = `${content.slice(0, at)} ${opts.needle.text} ${content.slice(at)}`;
          needles++;
        }
        time += minute + Math.floor(next() * minute);
        turns.push({ role, content, createdAt: time });
        if (opts.onProgress && messages % 100_000 === 0) opts.onProgress(messages);
      }
      const title = turns[0]!.content.split('\n', 1)[0]!.slice(0, 60);
      const seeded = write(s, { title, messages: turns, updatedAt: time }, time);
      setLeaf.run(seeded.messageIds.at(-1)!, seeded.id);
    }
    db.exec(indexStoredMessages);
    db.exec(trigger.sql);
  })();

  return { conversations: opts.conversations, messages, needles };
}
