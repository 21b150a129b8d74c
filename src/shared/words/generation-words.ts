// What sending, answering and editing say in Runnel's own words (`src/main/generation/`). A
// server's words inside a sentence (a frame it sent) are a value, never translated.
import { defineWords } from './define-words';

type Who = { who: string };
type File = { file: string };
type Limit = { file: string; size: string };

/** A kind of backend named in English by main (attachment-turns.ts); product names stay as they are. */
const zhKinds: Readonly<Record<string, string>> = { 'custom WebSocket': '自定义 WebSocket' };
const zhWho = (who: string) => (Object.hasOwn(zhKinds, who) ? zhKinds[who] : who);

export const generationWords = defineWords(
  'generation',
  {
    emptyMessage: 'A message needs some text or an attached file.',
    comparedTwice: 'Each model can be compared only once.',
    answerGone: 'That answer no longer exists',
    messageGone: 'That message no longer exists',
    attachmentGone: 'That attachment no longer exists',
    writerGone: 'The backend that wrote this answer no longer exists; use Regenerate instead',
    notInConversation: 'That message is no longer in this conversation',
    newestVersion: 'This is the newest version',
    firstVersion: 'This is the first version',
    onlyQuestionAnswers: 'Only a question has answers',
    onlyAnswerContinues: 'Only an answer can be continued with',
    onlyAnswerRegenerates: 'Only an answer can be regenerated',
    noQuestion: 'This answer has no question to answer again',
    onlyOwnEdited: 'Only your own messages can be edited',
    stillWriting: 'This answer is still being written',
    onlyCutOff:
      'Only an answer that was cut off (stopped, interrupted, failed or at its length limit) can be continued',
    onlyLastOfBranch: 'Only the last answer of a branch can be continued',
    cannotResume: ({ kind }: { kind: string }) =>
      `A ${kind} backend cannot resume an answer from its text; use Regenerate instead`,
    imagesHere: ({ who }: Who) =>
      `Images cannot be sent here: ${who} backends take text only. Choose a backend of a vision-capable kind ` +
      '(OpenAI-compatible, Responses, Anthropic, Ollama or Realtime), or remove the images.',
    imagesInHistory: ({ who }: Who) =>
      `This conversation contains images, but ${who} backends take text only. Choose a backend of a vision-capable kind ` +
      '(OpenAI-compatible, Responses, Anthropic, Ollama or Realtime), or remove the images.',
    pieceNotBase64: 'An attachment piece is not valid base64.',
    uploadClosed: 'That upload is no longer open: attach the file again.',
    uploadRenamed: 'An upload changed its file name half way.',
    tooManyWaiting: 'Too many files are waiting to be sent: send or remove some first.',
    givenTwice: 'The same attachment was given twice.',
    attachmentExpired: 'An attachment is no longer waiting to be sent (it expired): attach it again.',
    messageTooLarge: ({ megabytes }: { megabytes: number }) =>
      `The files of one message can be at most ${megabytes} MB together.`,
    fileType: ({ file }: File) =>
      `${file} cannot be attached: only PNG, JPEG, WebP and GIF images and text files (.txt, .md, .json, .csv, source code) are accepted.`,
    imageTooLarge: ({ file, size }: Limit) => `${file} is too large: images can be at most ${size}.`,
    textTooLarge: ({ file, size }: Limit) => `${file} is too large: text files can be at most ${size}.`,
    fileEmpty: ({ file }: File) => `${file} is empty.`,
    notUtf8: ({ file }: File) => `${file} is not UTF-8 text, so it cannot be attached as a text file.`,
    nameLength: ({ max }: { max: number }) => `A file name must have 1 to ${max} characters.`,
    stoppedWaiting: 'Stopped while waiting for the server',
    unreadFrames: ({ count, first }: { count: number; first: string }) =>
      `The server sent ${count === 1 ? 'a frame' : `${count} frames`} that could not be read (skipped): ${first}`,
    toolRounds: ({ rounds }: { rounds: number }) =>
      `The model kept calling tools: this turn stopped after ${rounds} rounds.`,
  },
  {
    zh: {
      emptyMessage: '消息需要有文字或附件。',
      comparedTwice: '每个模型只能比较一次。',
      answerGone: '该回答已不存在',
      messageGone: '该消息已不存在',
      attachmentGone: '该附件已不存在',
      writerGone: '写下这个回答的后端已不存在，请改用“重新生成”',
      notInConversation: '该消息已不在这个对话中',
      newestVersion: '这已是最新版本',
      firstVersion: '这已是第一个版本',
      onlyQuestionAnswers: '只有提问才有回答',
      onlyAnswerContinues: '只能接着回答继续',
      onlyAnswerRegenerates: '只能重新生成回答',
      noQuestion: '这个回答没有可重新回答的提问',
      onlyOwnEdited: '只能编辑你自己的消息',
      stillWriting: '这个回答仍在生成中',
      onlyCutOff: '只有被中断的回答（已停止、被打断、失败或达到长度上限）才能继续',
      onlyLastOfBranch: '只有分支中最后一个回答才能继续',
      cannotResume: ({ kind }: { kind: string }) => `${kind} 后端无法从已有文字接着回答，请改用“重新生成”`,
      imagesHere: ({ who }: Who) =>
        `无法在此发送图片：${zhWho(who)} 后端只接受文字。请选择支持图像的后端类型（OpenAI 兼容、Responses、Anthropic、Ollama 或 Realtime），或移除图片。`,
      imagesInHistory: ({ who }: Who) =>
        `这个对话包含图片，但 ${zhWho(who)} 后端只接受文字。请选择支持图像的后端类型（OpenAI 兼容、Responses、Anthropic、Ollama 或 Realtime），或移除图片。`,
      pieceNotBase64: '附件的一段数据不是有效的 base64。',
      uploadClosed: '该上传已关闭，请重新添加文件。',
      uploadRenamed: '上传途中文件名发生了变化。',
      tooManyWaiting: '等待发送的文件太多，请先发送或移除一些。',
      givenTwice: '同一个附件给了两次。',
      attachmentExpired: '有附件已不在等待发送（已过期），请重新添加。',
      messageTooLarge: ({ megabytes }: { megabytes: number }) => `一条消息的文件合计最多 ${megabytes} MB。`,
      fileType: ({ file }: File) =>
        `${file} 无法添加：只接受 PNG、JPEG、WebP 和 GIF 图片以及文本文件（.txt、.md、.json、.csv、源代码）。`,
      imageTooLarge: ({ file, size }: Limit) => `${file} 太大：图片最多 ${size}。`,
      textTooLarge: ({ file, size }: Limit) => `${file} 太大：文本文件最多 ${size}。`,
      fileEmpty: ({ file }: File) => `${file} 是空文件。`,
      notUtf8: ({ file }: File) => `${file} 不是 UTF-8 文本，无法作为文本文件添加。`,
      nameLength: ({ max }: { max: number }) => `文件名须为 1 到 ${max} 个字符。`,
      stoppedWaiting: '在等待服务器时已停止',
      unreadFrames: ({ count, first }: { count: number; first: string }) =>
        `服务器发来 ${count} 个无法读取的帧（已跳过）：${first}`,
      toolRounds: ({ rounds }: { rounds: number }) => `模型不停地调用工具：本轮在 ${rounds} 次后停止。`,
    },
  },
);
