// What the adapters say in Runnel's own words (`src/main/providers/`): a stream cut short, a job or
// response that failed without saying why, a server's refusal of the tools explained, a template
// or setting that cannot be used. A server's own words (`words`, `detail`, `start`) are values.
import { defineWords } from './define-words';

type Words = { words: string };
type Detail = { detail: string };

const serverSaid = (words: string) => `(the server said: “${words}”)`;
const zhServerSaid = (words: string) => `（服务器说：“${words}”）`;
const colonIf = (why: string, colon: string) => (why ? `${colon}${why}` : '');

export const providerWords = defineWords(
  'provider',
  {
    // A stream that ended, or failed, without the server's own words
    realtimeFailed: 'The server reported the response as failed',
    realtimeErrorEvent: ({ start }: { start: string }) => `The server sent an error event: ${start}`,
    realtimeCutShort: 'The server closed the connection before the answer was complete (no response.done)',
    responseFailed: 'The server reported that the response failed',
    serverError: 'The server reported an error',
    ollamaCutShort: 'The stream ended before Ollama said the answer was done',
    koboldFailed: 'KoboldCpp stopped the generation with an error',
    runpodJob: ({ status, why }: { status: string; why: string }) => `RunPod job ${status}${colonIf(why, ': ')}`,
    runpodNoJob: ({ start }: { start: string }) => `RunPod started no job: ${start}`,
    gatewayError: ({ start }: { start: string }) => `The gateway sent an error: ${start}`,
    gatewayCutShort: ({ path }: { path: string }) =>
      `The gateway closed the connection before the answer was complete (no frame matched "${path}")`,
    // Triton's health checks (Test connection)
    tritonNotLive: ({ host }: { host: string }) => `${host} answers, but says it is not live (ServerLive)`,
    tritonModelNotReady: ({ host, model }: { host: string; model: string }) =>
      `Model '${model}' is not ready on ${host} (ModelReady): it is not in the repository, not loaded, or still loading`,
    // A server's refusal of the tools, explained
    vllmNoToolParser: ({ words }: Words) =>
      `This vLLM server was started without tool calling, so it refused the tools ${serverSaid(words)}. ` +
      'Start it again with --enable-auto-tool-choice and the --tool-call-parser for this model ' +
      '(hermes for Qwen 2.5 and Hermes, qwen3_coder for Qwen3-Coder, llama3_json for Llama 3.1), or send without tools.',
    llamaNoJinja: ({ words }: Words) =>
      `llama-server was started without --jinja, so it refused the tools ${serverSaid(words)}. ` +
      "Start it again with --jinja (tool calls need the model's own chat template), or send without tools.",
    llamaTooOld: ({ words }: Words) =>
      `This llama-server is too old to take tools ${serverSaid(words)}. ` +
      'Update llama.cpp and start llama-server with --jinja, or send without tools.',
    llamaNoStreamedTools: ({ words }: Words) =>
      `This llama-server cannot stream an answer that may call tools ${serverSaid(words)}. ` +
      'Update llama.cpp (and start llama-server with --jinja), or send without tools.',
    ollamaModelNoTools: ({ model, words }: { model: string; words: string }) =>
      `${model ? `The model ${model}` : 'This model'} cannot take tools in Ollama ${serverSaid(words)}: its template has no tool calling. ` +
      'Choose a model with the tools capability (`ollama show MODEL` lists its capabilities), or send without tools.',
    // Settings that cannot be used: a chat template, a WebSocket gateway's template and paths
    templateUnreadable: ({ detail }: Detail) => `The chat template could not be read: ${detail}`,
    templateFailed: ({ detail }: Detail) => `The chat template failed to render: ${detail}`,
    templateCannotContinue: 'This chat template does not show the partial answer, so it cannot be continued',
    requestTemplateUnknown: ({ names }: { names: string }) =>
      `The request template uses ${names}; only {{model}}, {{messages}}, {{prompt}} and {{params}} exist`,
    requestTemplateNotJson: ({ detail, start }: { detail: string; start: string }) =>
      `The request template is not valid JSON once filled in (${detail}). Put {{model}} and {{prompt}} inside quotes and {{messages}} without: ${start}`,
    requestTemplateNotObject: 'The request template must be a JSON object or array',
    badPath: ({ option, path }: { option: string; path: string }) =>
      `The ${option} "${path}" is not a path like choices.0.delta.content or type=done`,
    deltaPathEquals: ({ path }: { path: string }) => `The deltaPath "${path}" reads text; it cannot use "="`,
    badReasoningPath: ({ path }: { path: string }) =>
      `The reasoningPath "${path}" is not a path like choices.0.delta.reasoning`,
    noModelsUrl: 'This gateway has no Models URL in its settings, so it cannot list models; type a model name instead',
  },
  {
    zh: {
      realtimeFailed: '服务器报告这次回答失败了',
      realtimeErrorEvent: ({ start }: { start: string }) => `服务器发来了错误事件：${start}`,
      realtimeCutShort: '服务器在回答完成前关闭了连接（没有收到 response.done）',
      responseFailed: '服务器报告这次回答失败了',
      serverError: '服务器报告了一个错误',
      ollamaCutShort: 'Ollama 还没说回答结束，数据流就断了',
      koboldFailed: 'KoboldCpp 因出错停止了生成',
      runpodJob: ({ status, why }: { status: string; why: string }) => `RunPod 任务 ${status}${colonIf(why, '：')}`,
      runpodNoJob: ({ start }: { start: string }) => `RunPod 没有启动任务：${start}`,
      gatewayError: ({ start }: { start: string }) => `网关发来了错误：${start}`,
      gatewayCutShort: ({ path }: { path: string }) => `网关在回答完成前关闭了连接（没有帧匹配“${path}”）`,
      tritonNotLive: ({ host }: { host: string }) => `${host} 有应答，但它说自己不在运行状态（ServerLive）`,
      tritonModelNotReady: ({ host, model }: { host: string; model: string }) =>
        `模型“${model}”在 ${host} 上没有就绪（ModelReady）：它不在模型仓库中、没有加载，或仍在加载`,
      vllmNoToolParser: ({ words }: Words) =>
        `这个 vLLM 服务器启动时没有开启工具调用，所以拒绝了工具${zhServerSaid(words)}。` +
        '请加上 --enable-auto-tool-choice 和适合这个模型的 --tool-call-parser 重新启动' +
        '（Qwen 2.5 和 Hermes 用 hermes，Qwen3-Coder 用 qwen3_coder，Llama 3.1 用 llama3_json），或不带工具发送。',
      llamaNoJinja: ({ words }: Words) =>
        `llama-server 启动时没有加 --jinja，所以拒绝了工具${zhServerSaid(words)}。` +
        '请加上 --jinja 重新启动（工具调用需要模型自己的聊天模板），或不带工具发送。',
      llamaTooOld: ({ words }: Words) =>
        `这个 llama-server 版本太旧，不支持工具${zhServerSaid(words)}。` +
        '请更新 llama.cpp 并用 --jinja 启动 llama-server，或不带工具发送。',
      llamaNoStreamedTools: ({ words }: Words) =>
        `这个 llama-server 无法流式输出可能调用工具的回答${zhServerSaid(words)}。` +
        '请更新 llama.cpp（并用 --jinja 启动 llama-server），或不带工具发送。',
      ollamaModelNoTools: ({ model, words }: { model: string; words: string }) =>
        `${model ? `模型 ${model} ` : '这个模型'}在 Ollama 中不能使用工具${zhServerSaid(words)}：它的模板不支持工具调用。` +
        '请选择具备 tools 能力的模型（`ollama show MODEL` 会列出它的能力），或不带工具发送。',
      templateUnreadable: ({ detail }: Detail) => `无法读取聊天模板：${detail}`,
      templateFailed: ({ detail }: Detail) => `聊天模板渲染失败：${detail}`,
      templateCannotContinue: '这个聊天模板不显示未完成的回答，所以无法继续生成',
      requestTemplateUnknown: ({ names }: { names: string }) =>
        `请求模板用到了 ${names}；只有 {{model}}、{{messages}}、{{prompt}} 和 {{params}} 可用`,
      requestTemplateNotJson: ({ detail, start }: { detail: string; start: string }) =>
        `请求模板填入内容后不是有效的 JSON（${detail}）。{{model}} 和 {{prompt}} 要放在引号内，{{messages}} 不加引号：${start}`,
      requestTemplateNotObject: '请求模板必须是 JSON 对象或数组',
      badPath: ({ option, path }: { option: string; path: string }) =>
        `${option}“${path}”不是有效的路径，应类似 choices.0.delta.content 或 type=done`,
      deltaPathEquals: ({ path }: { path: string }) => `deltaPath“${path}”读取的是文本，不能使用“=”`,
      badReasoningPath: ({ path }: { path: string }) =>
        `reasoningPath“${path}”不是有效的路径，应类似 choices.0.delta.reasoning`,
      noModelsUrl: '这个网关的设置中没有模型列表网址，无法列出模型；请直接输入模型名称',
    },
  },
);
