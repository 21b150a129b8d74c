// What imports, exports, backups and restores say in Runnel's own words (`src/main/transfer/`).
// A file's own text, a database's or the system's message inside a sentence is a value.
import { defineWords } from './define-words';

type Id = { id: string };
type Name = { name: string };
type Size = { size: string };
type Why = { why: string };
type Place = { place: string };
type Call = { tool: string; status: string };

/** A tool call's status (shared/tools.ts) in a Chinese document; the English writes the status as stored. */
const zhStatuses: Readonly<Record<string, string>> = {
  'awaiting-approval': '等待批准',
  running: '运行中',
  done: '已完成',
  error: '出错',
  denied: '已拒绝',
  cancelled: '已取消',
};
const zhStatus = (status: string) => (Object.hasOwn(zhStatuses, status) ? zhStatuses[status] : status);

export const transferWords = defineWords(
  'transfer',
  {
    tooManyUploads: 'Too many uploads at once; wait for one to finish.',
    noFilesChosen: 'No files were chosen.',
    oneBackup: 'Restore takes one backup file.',
    atMostFiles: ({ max }: { max: number }) => `At most ${max} files at once.`,
    fileTooLarge: ({ name, size }: Name & Size) => `${name} is larger than ${size}.`,
    togetherTooLarge: ({ size }: Size) => `These files together are larger than ${size}.`,
    uploadInUse: 'This upload is already being used.',
    noSuchFile: 'No such file in this upload.',
    oneChunkAtATime: 'Send the chunks of an upload one at a time.',
    chunkOutOfPlace: ({ expected, got }: { expected: number; got: number }) =>
      `Expected the chunk at byte ${expected}, not ${got}.`,
    chunkNotBase64: 'A chunk must be base64 text.',
    chunkTooLarge: ({ max }: { max: number }) => `A chunk may hold at most ${max} bytes.`,
    largerThanAnnounced: ({ name }: Name) => `${name} is larger than announced.`,
    announcedElse: 'This upload was announced for something else.',
    incomplete: ({ name, received, size }: Name & { received: number; size: number }) =>
      `${name} did not arrive completely (${received} of ${size} bytes).`,
    uploadExpired: 'This upload is unknown or expired; start again.',
    downloadExpired: 'This download is unknown or expired; export again.',
    offsetPastEnd: 'Offset past the end of the file.',
    folderNotOpened: ({ why }: Why) => `Could not open the data folder: ${why}`,
    restoreBeforeImport: 'A restore is running; import after it has finished.',
    importBeforeRestore: 'An import is running; restore after it has finished.',
    restoreRunning: 'A restore is already running.',
    noBackupSent: 'No backup file was sent.',
    notSqlite: 'This file is not a database backup (not a SQLite file).',
    backupUnopenable: ({ why }: Why) => `This backup cannot be opened: ${why}`,
    backupTooNew: ({ found, supported }: { found: number; supported: number }) =>
      `This backup was made by a newer Runnel (schema version ${found}; this Runnel knows up to ${supported}). Update Runnel to restore it.`,
    notRunnelDatabase: 'This file is a SQLite database, but not a Runnel one.',
    backupDamaged: ({ detail }: { detail: string }) => `This backup is damaged (${detail}).`,
    backupInconsistent: 'This backup is inconsistent: some rows point at rows that are not there.',
    backupUnreadable: ({ why }: Why) => `This backup cannot be read: ${why}`,
    databaseBusy: 'The database is busy; try again in a moment.',
    tableMismatch: ({ table, columns }: { table: string; columns: string }) =>
      `This backup's table ${table} does not match this Runnel's (missing ${columns}).`,
    tableMissing: ({ table }: { table: string }) =>
      `This backup's table ${table} does not match this Runnel's (missing the table).`,
    messageElsewhere: ({ id }: Id) => `Message ${id} already belongs to another conversation here.`,
    callElsewhere: ({ id }: Id) => `Tool call ${id} already belongs to another message here.`,
    messageTwice: ({ id }: Id) => `Message ${id} appears twice.`,
    parentMissing: ({ id, parent }: Id & { parent: string }) =>
      `Message ${id} answers a message that is not in the file (${parent}).`,
    loopUnplaced: 'Some messages form a loop (each answers another) and cannot be placed in the tree.',
    loop: 'Some messages form a loop (each answers another).',
    fileEmpty: 'The file is empty.',
    fileCutOff: 'The file ends early: it looks cut off (truncated).',
    notJson: 'The file is not JSON: it should start with [ or {.',
    expectedFieldName: 'The file is not valid JSON: expected a field name.',
    expectedColon: 'The file is not valid JSON: expected ":" after a field name.',
    expectedCommaOrBrace: 'The file is not valid JSON: expected "," or "}".',
    textAfterEnd: 'The file has more text after its end.',
    closesEarly: 'The file is not valid JSON: a bracket closes too early.',
    fieldTooLarge: ({ field }: { field: string }) => `The field "${field}" is too large.`,
    badFieldName: 'The file is not valid JSON: a field name is malformed.',
    notChatGptList: 'This file is a list, but not of ChatGPT conversations.',
    unknownFile: 'This file is neither a Runnel export nor a ChatGPT export (conversations.json).',
    notRunnelExport: 'This is not a Runnel export (its "format" field is missing or different).',
    noVersion: 'This Runnel export has no valid "version" field.',
    exportTooNew: ({ version, max }: { version: number; max: number }) =>
      `This export was made by a newer Runnel (format version ${version}; this Runnel reads up to ${max}). Update Runnel to import it.`,
    notChatGptObject: 'Not a ChatGPT conversation: expected an object.',
    noMapping: 'Not a ChatGPT conversation: it has no "mapping" of messages.',
    tooManyMessages: ({ max }: { max: number }) => `Too many messages (more than ${max}).`,
    noMessages: 'This conversation has no messages to import.',
    entryTooLarge: ({ megabytes }: { megabytes: number }) =>
      `This conversation is larger than ${megabytes} MB and was skipped.`,
    entryNotJson: ({ why }: Why) => `Not valid JSON: ${why}`,
    expectedLeaf: ({ place }: Place) => `${place}: expected the id of one of this conversation's messages`,
    expectedBase64: ({ place }: Place) => `${place}: expected base64 text`,
    expectedSize: ({ place, bytes }: Place & { bytes: number }) =>
      `${place}: expected the size of its data (${bytes} bytes)`,
    callsOnAnswerOnly: ({ place }: Place) => `${place}: expected tool calls on an answer (role assistant) only`,
    expectedOneCall: ({ place, index, round }: Place & { index: number; round: number }) =>
      `${place}: expected one call at index ${index} of round ${round}`,
    positionPastContent: ({ place, length }: Place & { length: number }) =>
      `${place}: expected at most the length of the message's content (${length})`,
    expectedImage: ({ place }: Place) => `${place}: expected "image"`,
    expectedUniqueCallId: ({ place }: Place) => `${place}: expected an id no other tool call has`,
    // An exported Markdown document's words around a tool call (markdown-export.ts).
    mdToolCall: ({ tool, status }: Call) => `Tool call: ${tool} — ${status}`,
    mdToolCallOn: ({ tool, server, status }: Call & { server: string }) => `Tool call: ${tool} (${server}) — ${status}`,
    mdImage: ({ name, mime }: Name & { mime: string }) => `🖼️ Image: ${name} (${mime})`,
    mdResultCut: '(result cut)',
  },
  {
    zh: {
      tooManyUploads: '同时上传的文件太多，请等一个完成后再试。',
      noFilesChosen: '没有选择文件。',
      oneBackup: '恢复只接受一个备份文件。',
      atMostFiles: ({ max }: { max: number }) => `一次最多 ${max} 个文件。`,
      fileTooLarge: ({ name, size }: Name & Size) => `${name} 超过了 ${size}。`,
      togetherTooLarge: ({ size }: Size) => `这些文件合计超过了 ${size}。`,
      uploadInUse: '这次上传已在使用中。',
      noSuchFile: '这次上传中没有该文件。',
      oneChunkAtATime: '请逐块发送上传的数据。',
      chunkOutOfPlace: ({ expected, got }: { expected: number; got: number }) =>
        `应发送第 ${expected} 字节处的数据块，而不是 ${got}。`,
      chunkNotBase64: '数据块必须是 base64 文本。',
      chunkTooLarge: ({ max }: { max: number }) => `每个数据块最多 ${max} 字节。`,
      largerThanAnnounced: ({ name }: Name) => `${name} 比预告的更大。`,
      announcedElse: '这次上传原本用于别的操作。',
      incomplete: ({ name, received, size }: Name & { received: number; size: number }) =>
        `${name} 没有完整传到（${received} / ${size} 字节）。`,
      uploadExpired: '这次上传不存在或已过期，请重新开始。',
      downloadExpired: '这个下载不存在或已过期，请重新导出。',
      offsetPastEnd: '偏移量超出了文件末尾。',
      folderNotOpened: ({ why }: Why) => `无法打开数据文件夹：${why}`,
      restoreBeforeImport: '正在恢复，请在完成后再导入。',
      importBeforeRestore: '正在导入，请在完成后再恢复。',
      restoreRunning: '已有恢复在进行。',
      noBackupSent: '没有收到备份文件。',
      notSqlite: '这个文件不是数据库备份（不是 SQLite 文件）。',
      backupUnopenable: ({ why }: Why) => `无法打开这个备份：${why}`,
      backupTooNew: ({ found, supported }: { found: number; supported: number }) =>
        `这个备份来自更新版本的 Runnel（架构版本 ${found}；本 Runnel 最高支持 ${supported}）。请更新 Runnel 后再恢复。`,
      notRunnelDatabase: '这个文件是 SQLite 数据库，但不是 Runnel 的。',
      backupDamaged: ({ detail }: { detail: string }) => `这个备份已损坏（${detail}）。`,
      backupInconsistent: '这个备份数据不一致：有些行指向不存在的行。',
      backupUnreadable: ({ why }: Why) => `无法读取这个备份：${why}`,
      databaseBusy: '数据库正忙，请稍后再试。',
      tableMismatch: ({ table, columns }: { table: string; columns: string }) =>
        `这个备份的表 ${table} 与本 Runnel 的不一致（缺少 ${columns}）。`,
      tableMissing: ({ table }: { table: string }) => `这个备份的表 ${table} 与本 Runnel 的不一致（缺少该表）。`,
      messageElsewhere: ({ id }: Id) => `消息 ${id} 已属于这里的另一个对话。`,
      callElsewhere: ({ id }: Id) => `工具调用 ${id} 已属于这里的另一条消息。`,
      messageTwice: ({ id }: Id) => `消息 ${id} 出现了两次。`,
      parentMissing: ({ id, parent }: Id & { parent: string }) => `消息 ${id} 回复的消息不在文件中（${parent}）。`,
      loopUnplaced: '有些消息互相回复形成了循环，无法放入对话树。',
      loop: '有些消息互相回复形成了循环。',
      fileEmpty: '文件是空的。',
      fileCutOff: '文件提前结束：看起来被截断了。',
      notJson: '文件不是 JSON：应以 [ 或 { 开头。',
      expectedFieldName: '文件不是有效的 JSON：此处应为字段名。',
      expectedColon: '文件不是有效的 JSON：字段名后应为 ":"。',
      expectedCommaOrBrace: '文件不是有效的 JSON：此处应为 "," 或 "}"。',
      textAfterEnd: '文件在结尾之后还有多余的文字。',
      closesEarly: '文件不是有效的 JSON：有括号过早闭合。',
      fieldTooLarge: ({ field }: { field: string }) => `字段“${field}”太大。`,
      badFieldName: '文件不是有效的 JSON：有字段名格式错误。',
      notChatGptList: '这个文件是列表，但不是 ChatGPT 对话。',
      unknownFile: '这个文件既不是 Runnel 导出文件，也不是 ChatGPT 导出文件（conversations.json）。',
      notRunnelExport: '这不是 Runnel 导出文件（缺少 "format" 字段或其值不对）。',
      noVersion: '这个 Runnel 导出文件没有有效的 "version" 字段。',
      exportTooNew: ({ version, max }: { version: number; max: number }) =>
        `这个导出文件来自更新版本的 Runnel（格式版本 ${version}；本 Runnel 最高读取 ${max}）。请更新 Runnel 后再导入。`,
      notChatGptObject: '不是 ChatGPT 对话：应为一个对象。',
      noMapping: '不是 ChatGPT 对话：没有消息的 "mapping"。',
      tooManyMessages: ({ max }: { max: number }) => `消息太多（超过 ${max} 条）。`,
      noMessages: '这个对话没有可导入的消息。',
      entryTooLarge: ({ megabytes }: { megabytes: number }) => `这个对话超过 ${megabytes} MB，已跳过。`,
      entryNotJson: ({ why }: Why) => `不是有效的 JSON：${why}`,
      expectedLeaf: ({ place }: Place) => `${place}：应为这个对话中某条消息的 id`,
      expectedBase64: ({ place }: Place) => `${place}：应为 base64 文本`,
      expectedSize: ({ place, bytes }: Place & { bytes: number }) => `${place}：应为其数据的大小（${bytes} 字节）`,
      callsOnAnswerOnly: ({ place }: Place) => `${place}：只有回答（role 为 assistant）才能有工具调用`,
      expectedOneCall: ({ place, index, round }: Place & { index: number; round: number }) =>
        `${place}：第 ${round} 轮的索引 ${index} 处应只有一个调用`,
      positionPastContent: ({ place, length }: Place & { length: number }) =>
        `${place}：不应超过消息内容的长度（${length}）`,
      expectedImage: ({ place }: Place) => `${place}：应为 "image"`,
      expectedUniqueCallId: ({ place }: Place) => `${place}：应为其他工具调用都没有用过的 id`,
      mdToolCall: ({ tool, status }: Call) => `工具调用：${tool} — ${zhStatus(status)}`,
      mdToolCallOn: ({ tool, server, status }: Call & { server: string }) =>
        `工具调用：${tool}（${server}）— ${zhStatus(status)}`,
      mdImage: ({ name, mime }: Name & { mime: string }) => `🖼️ 图片：${name}（${mime}）`,
      mdResultCut: '（结果已截断）',
    },
  },
);
