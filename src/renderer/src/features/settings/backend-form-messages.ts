// Strings of the backend form: fields, kinds, HTTP versions, kind-specific options, headers,
// timeouts, default parameters, the connection test's result and what is wrong with a field.
import type { BackendKind, HttpMode } from '../../../../shared/domain';
import type { HeaderProblem } from '../../../../shared/custom-headers';
import { defineMessages } from '../../i18n/define-messages';

/** Kind-specific option fields (backend-options.ts keeps their English); absent keys use it. */
type OptionText = Partial<Record<string, { label: string; placeholder?: string }>>;

/**
 * Each kind's name, as the Backends list shows it, and what the Kind select adds to tell kinds
 * apart; the select's label is built from both and the kind's id, so a kind is named in one place.
 */
interface KindText {
  name: string;
  detail?: string;
}

const kindsEn: Record<BackendKind, KindText> = {
  'openai-chat': { name: 'OpenAI-compatible chat' },
  'openai-responses': { name: 'OpenAI Responses API' },
  anthropic: { name: 'Anthropic Messages API' },
  ollama: { name: 'Ollama native API' },
  'triton-grpc': { name: 'Triton Inference Server', detail: 'gRPC, vLLM or TensorRT-LLM backend' },
  'openai-realtime': { name: 'OpenAI Realtime API', detail: 'WebSocket, text only' },
  'websocket-json': { name: 'Custom WebSocket gateway', detail: 'JSON frames' },
  koboldcpp: { name: 'KoboldCpp native API', detail: 'prompt + chat template' },
  runpod: { name: 'RunPod serverless endpoint', detail: 'worker-vllm' },
};

const kindsZh: Record<BackendKind, KindText> = {
  'openai-chat': { name: 'OpenAI 兼容的聊天接口' },
  'openai-responses': { name: 'OpenAI Responses API' },
  anthropic: { name: 'Anthropic Messages API' },
  ollama: { name: 'Ollama 原生 API' },
  'triton-grpc': { name: 'Triton 推理服务器', detail: 'gRPC，vLLM 或 TensorRT-LLM 后端' },
  'openai-realtime': { name: 'OpenAI Realtime API', detail: 'WebSocket，仅文本' },
  'websocket-json': { name: '自定义 WebSocket 网关', detail: 'JSON 帧' },
  koboldcpp: { name: 'KoboldCpp 原生 API', detail: '提示词 + 聊天模板' },
  runpod: { name: 'RunPod 无服务器端点', detail: 'worker-vllm' },
};

function kindLabelEn(kind: BackendKind): string {
  const { name, detail } = kindsEn[kind];
  return `${name}${detail ? `, ${detail}` : ''} (${kind})`;
}

function kindLabelZh(kind: BackendKind): string {
  const { name, detail } = kindsZh[kind];
  return `${name}${detail ? `，${detail}` : ''}（${kind}）`;
}

const httpLabelsEn: Record<HttpMode, string> = {
  auto: 'Automatic (HTTP/2 when an https server offers it)',
  h1: 'HTTP/1.1',
  h2: 'HTTP/2 over TLS',
  h2c: 'HTTP/2 without TLS (h2c, prior knowledge)',
};

const httpLabelsZh: Record<HttpMode, string> = {
  auto: '自动（https 服务器支持时使用 HTTP/2）',
  h1: 'HTTP/1.1',
  h2: 'HTTP/2（TLS）',
  h2c: 'HTTP/2 明文（h2c，预先约定）',
};

const optionsZh: OptionText = {
  requestTemplate: { label: '请求模板（JSON）' },
  deltaPath: { label: '文本增量路径', placeholder: 'delta（例如 choices.0.delta.content）' },
  reasoningPath: { label: '推理增量路径（可选）' },
  donePath: { label: '结束条件', placeholder: 'done（例如 type=done）' },
  errorPath: { label: '错误条件', placeholder: 'error（例如 type=error）' },
  modelsUrl: { label: '模型列表 URL（可选）' },
  chatTemplate: { label: '聊天模板（chatml、llama3、mistral、gemma 或 Jinja）' },
  pollIntervalMs: { label: '轮询间隔（毫秒）' },
  tritonBackend: { label: 'Triton 后端（vllm 或 tensorrtllm）' },
  numCtxMax: { label: '可加载的最大上下文窗口（num_ctx，词元）' },
};

function headerProblemEn(p: HeaderProblem): string {
  switch (p.kind) {
    case 'empty-name':
      return 'A header needs a name.';
    case 'bad-name':
      return `“${p.name}” is not a valid header name: use letters, digits and - _ . only.`;
    case 'reserved':
      return `“${p.name}” is set by the connection itself and cannot be changed.`;
    case 'bad-value':
      return `The value of “${p.name}” contains a line break or a control character.`;
    case 'too-long':
      return `The header “${p.name}” is too long.`;
    case 'duplicate':
      return `The header “${p.name}” is listed twice.`;
    case 'too-many':
      return 'Too many headers (at most 50).';
  }
}

function headerProblemZh(p: HeaderProblem): string {
  switch (p.kind) {
    case 'empty-name':
      return '请求头需要名称。';
    case 'bad-name':
      return `“${p.name}”不是有效的请求头名称：只能使用字母、数字和 - _ .。`;
    case 'reserved':
      return `“${p.name}”由连接本身设置，不能更改。`;
    case 'bad-value':
      return `“${p.name}”的值包含换行符或控制字符。`;
    case 'too-long':
      return `请求头“${p.name}”太长。`;
    case 'duplicate':
      return `请求头“${p.name}”重复了。`;
    case 'too-many':
      return '请求头太多（最多 50 个）。';
  }
}

export const backendFormMessages = defineMessages(
  {
    newBackend: 'New backend',
    editing: (name: string) => `Editing ${name}`,
    name: 'Name',
    namePlaceholder: 'vLLM on gpu-box',
    kind: 'Kind',
    kindLabel: kindLabelEn,
    kindName: (kind: BackendKind) => kindsEn[kind].name,
    baseUrl: 'Base URL',
    apiKey: 'API key',
    apiKeySaved: 'Saved — leave empty to keep',
    optional: 'Optional',
    defaultModel: 'Default model',
    httpVersion: 'HTTP version',
    httpLabel: (mode: HttpMode) => httpLabelsEn[mode],
    trustedCertificate: 'Trusted certificate',
    trustedCertificatePlaceholder:
      "Optional: the server's certificate or its CA, in PEM (-----BEGIN CERTIFICATE-----), for a self-signed https server",
    optionLabel: (_key: string, english: string) => english,
    optionPlaceholder: (_key: string, english: string) => english,
    headers: 'Headers',
    headersNote:
      'Sent with every request to this server. Values are kept like the API key: never shown again; leave a saved one empty to keep it.',
    headerName: (n: number) => `Header ${n}`,
    headerValue: (n: number) => `Header ${n} value`,
    headerNamePlaceholder: 'X-Api-Key',
    headerValueSaved: 'Saved — leave empty to keep',
    headerValuePlaceholder: 'Value',
    addHeader: 'Add header',
    removeHeader: (n: number) => `Remove header ${n}`,
    headerNeedsValue: (name: string) => `The header “${name}” needs a value.`,
    headerProblem: headerProblemEn,
    timeouts: 'Timeouts',
    connectTimeout: 'Connect timeout',
    connectTimeoutNote:
      'Seconds to connect and get the first answer (a server loading a model can be slow). Default 30.',
    idleTimeout: 'Idle timeout',
    idleTimeoutNote: 'Seconds of silence allowed once an answer streams. Default 120.',
    seconds: 's',
    timeoutRange: (label: string, max: number) => `${label}: a whole number of seconds from 1 to ${max}.`,
    defaultParameters: 'Default parameters',
    defaultParametersNote: 'Used when the conversation sets none. Empty: the server decides.',
    temperature: 'Temperature',
    topP: 'Top P',
    maxTokens: 'Max tokens',
    seed: 'Seed',
    paramRange: (label: string, range: string) => `${label}: ${range}.`,
    numberFrom: (min: number, max: number) => `a number from ${min} to ${max}`,
    wholeNumberFrom: (min: number) => `a whole number from ${min}`,
    wholeNumber: 'a whole number',
    testing: 'Testing…',
    connected: 'Connected',
    connectionFailed: 'The connection failed.',
    testPassed: 'The connection works',
    testFailed: 'The connection does not work',
    serverLabel: 'Server',
    unknownServer: 'did not say',
    latencyLabel: 'Latency',
    millis: (ms: number) => `${ms} ms`,
    modelsLabel: 'Models',
    modelCount: (n: number) => `${n} ${n === 1 ? 'model' : 'models'}`,
    chatLabel: 'Chat',
    chatAnsweredIn: (model: string, ms: number) => `${model} answered in ${ms} ms`,
    modelsList: 'Models the server lists',
    details: 'Details',
    savedHere: (name: string) => `Saved ${name}.`,
    testConnection: 'Test connection',
    save: 'Save',
    untitled: 'Untitled',
  },
  {
    zh: {
      newBackend: '新建后端',
      editing: (name: string) => `编辑 ${name}`,
      name: '名称',
      namePlaceholder: 'gpu-box 上的 vLLM',
      kind: '类型',
      kindLabel: kindLabelZh,
      kindName: (kind: BackendKind) => kindsZh[kind].name,
      baseUrl: '基础 URL',
      apiKey: 'API 密钥',
      apiKeySaved: '已保存——留空则保持不变',
      optional: '可选',
      defaultModel: '默认模型',
      httpVersion: 'HTTP 版本',
      httpLabel: (mode: HttpMode) => httpLabelsZh[mode],
      trustedCertificate: '受信任的证书',
      trustedCertificatePlaceholder:
        '可选：服务器的证书或其 CA，PEM 格式（-----BEGIN CERTIFICATE-----），用于自签名的 https 服务器',
      optionLabel: (key: string, english: string) => optionsZh[key]?.label ?? english,
      optionPlaceholder: (key: string, english: string) => optionsZh[key]?.placeholder ?? english,
      headers: '请求头',
      headersNote: '随发往此服务器的每个请求发送。值的保存方式与 API 密钥相同：不再显示；已保存的值留空则保持不变。',
      headerName: (n: number) => `请求头 ${n}`,
      headerValue: (n: number) => `请求头 ${n} 的值`,
      headerNamePlaceholder: 'X-Api-Key',
      headerValueSaved: '已保存——留空则保持不变',
      headerValuePlaceholder: '值',
      addHeader: '添加请求头',
      removeHeader: (n: number) => `删除请求头 ${n}`,
      headerNeedsValue: (name: string) => `请求头“${name}”需要一个值。`,
      headerProblem: headerProblemZh,
      timeouts: '超时',
      connectTimeout: '连接超时',
      connectTimeoutNote: '连接并收到首个响应的秒数（正在加载模型的服务器可能较慢）。默认 30。',
      idleTimeout: '空闲超时',
      idleTimeoutNote: '回答流式传输时允许的静默秒数。默认 120。',
      seconds: '秒',
      timeoutRange: (label: string, max: number) => `${label}：1 到 ${max} 之间的整数秒。`,
      defaultParameters: '默认参数',
      defaultParametersNote: '对话未设置时使用。留空则由服务器决定。',
      temperature: '温度',
      topP: 'Top P',
      maxTokens: '最大令牌数',
      seed: '随机种子',
      paramRange: (label: string, range: string) => `${label}：${range}。`,
      numberFrom: (min: number, max: number) => `${min} 到 ${max} 之间的数`,
      wholeNumberFrom: (min: number) => `不小于 ${min} 的整数`,
      wholeNumber: '整数',
      testing: '正在测试…',
      connected: '已连接',
      connectionFailed: '连接失败。',
      testPassed: '连接正常',
      testFailed: '连接不可用',
      serverLabel: '服务器',
      unknownServer: '未告知',
      latencyLabel: '延迟',
      millis: (ms: number) => `${ms} 毫秒`,
      modelsLabel: '模型',
      modelCount: (n: number) => `${n} 个模型`,
      chatLabel: '聊天',
      chatAnsweredIn: (model: string, ms: number) => `${model} 在 ${ms} 毫秒内应答`,
      modelsList: '服务器列出的模型',
      details: '详细信息',
      savedHere: (name: string) => `已保存 ${name}。`,
      testConnection: '测试连接',
      save: '保存',
      untitled: '未命名',
    },
  },
);

export type BackendFormMessages = (typeof backendFormMessages)['en'];
