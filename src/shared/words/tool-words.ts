// What Runnel says about tool servers to the user (`src/main/tools/`): saving one, and why it did
// not start or went away. What a tool call answers the model (its result, a failed call) stays
// English: the model reads it, and the conversation keeps it as the model saw it.
import { defineWords } from './define-words';

type Name = { name: string };
type Seconds = { seconds: string };

export const toolWords = defineWords(
  'tool',
  {
    serverGone: 'That tool server no longer exists',
    serverExists: ({ name }: Name) => `A tool server named "${name}" already exists`,
    notReadBack: 'The server was saved but cannot be read back',
    stdioRefused:
      'Not started: this web host listens beyond this machine, so it runs no commands for tools. Start it with --allow-stdio-tools to allow them.',
    startTimeout: ({ seconds }: Seconds) => `The server did not finish starting within ${seconds}.`,
    exitedStarting: 'The server exited before it finished starting.',
    closedStarting: 'The server closed the connection while starting.',
    couldNotConnect: ({ why }: { why: string }) => `Could not connect: ${why}`,
    listUnreadable: ({ why }: { why: string }) => `The tool list could not be read: ${why}`,
    listCursorTwice: 'tools/list gave the same cursor twice',
    listTooManyPages: ({ pages }: { pages: number }) => `tools/list went on for more than ${pages} pages`,
    neitherAnswered: ({ streamable, sse }: { streamable: string; sse: string }) =>
      `Neither Streamable HTTP (${streamable}) nor HTTP+SSE (${sse}) answered.`,
    serverExited: 'The server exited.',
    connectionClosed: 'The connection closed.',
    connectionLost: ({ why }: { why: string }) => `The connection was lost: ${why}`,
    notAFolder: ({ folder }: { folder: string }) => `The working folder "${folder}" is not a folder.`,
    noFolder: ({ folder }: { folder: string }) => `The working folder "${folder}" does not exist.`,
    noCommandAt: ({ command }: { command: string }) => `Command not found: "${command}" does not exist.`,
    noCommandInEnvPath: ({ command }: { command: string }) =>
      `Command not found: "${command}". Searched the PATH set in this server's env. Install it, or give its full path.`,
    noCommandInPath: ({ command, path }: { command: string; path: string }) =>
      `Command not found: "${command}". Searched PATH: ${path}. Install it, or give its full path.`,
    noPermission: ({ command }: { command: string }) => `"${command}" cannot be run: permission denied.`,
  },
  {
    zh: {
      serverGone: '该工具服务器已不存在',
      serverExists: ({ name }: Name) => `已有名为“${name}”的工具服务器`,
      notReadBack: '服务器已保存，但无法读回',
      stdioRefused:
        '未启动：这个网页主机对本机以外开放，因此不为工具运行任何命令。要允许，请用 --allow-stdio-tools 启动它。',
      startTimeout: ({ seconds }: Seconds) => `服务器未在 ${seconds} 内完成启动。`,
      exitedStarting: '服务器在启动完成前退出了。',
      closedStarting: '服务器在启动时关闭了连接。',
      couldNotConnect: ({ why }: { why: string }) => `无法连接：${why}`,
      listUnreadable: ({ why }: { why: string }) => `无法读取工具列表：${why}`,
      listCursorTwice: 'tools/list 两次给出了同一个分页游标',
      listTooManyPages: ({ pages }: { pages: number }) => `tools/list 超过了 ${pages} 页`,
      neitherAnswered: ({ streamable, sse }: { streamable: string; sse: string }) =>
        `Streamable HTTP（${streamable}）和 HTTP+SSE（${sse}）都没有应答。`,
      serverExited: '服务器已退出。',
      connectionClosed: '连接已关闭。',
      connectionLost: ({ why }: { why: string }) => `连接已断开：${why}`,
      notAFolder: ({ folder }: { folder: string }) => `工作目录“${folder}”不是文件夹。`,
      noFolder: ({ folder }: { folder: string }) => `工作目录“${folder}”不存在。`,
      noCommandAt: ({ command }: { command: string }) => `找不到命令：“${command}”不存在。`,
      noCommandInEnvPath: ({ command }: { command: string }) =>
        `找不到命令：“${command}”。已在该服务器环境变量设置的 PATH 中查找。请安装它，或填写完整路径。`,
      noCommandInPath: ({ command, path }: { command: string; path: string }) =>
        `找不到命令：“${command}”。已在 PATH 中查找：${path}。请安装它，或填写完整路径。`,
      noPermission: ({ command }: { command: string }) => `“${command}”无法运行：权限不足。`,
    },
  },
);
