// The servers' own refusals of a request's tools, recognised by their words (the status varies by
// version) and turned into an error that says what happened and how to fix it, keeping the
// server's words, with `toolsRefused` so the tool loop can offer to send without tools.
import { chatError, type ChatError } from '../../shared/chat-error';
import type { Spoken } from '../../shared/words/define-words';
import { providerWords } from '../../shared/words/provider-words';

interface Refusal {
  test: RegExp;
  scope: NonNullable<ChatError['toolsRefused']>;
  explain: (serverWords: string) => Spoken;
}

const refusals: readonly Refusal[] = [
  {
    // vLLM's serving_chat.py, for tool_choice "auto" (and "required" or a named tool since
    // vllm-project/vllm#30613) when the server has no tool parser: HTTP 400 BadRequestError.
    test: /--enable-auto-tool-choice/,
    scope: 'server',
    explain: (words) => providerWords.say('vllmNoToolParser', { words }),
  },
  {
    // llama.cpp tools/server/utils.hpp, oaicompat_chat_params_parse: "tools param requires
    // --jinja flag" (and "tool_choice param requires --jinja flag"), answered as HTTP 500
    // server_error by the builds users report (containers/ramalama#988).
    test: /(tools|tool_choice) param requires --jinja/,
    scope: 'server',
    explain: (words) => providerWords.say('llamaNoJinja', { words }),
  },
  {
    // llama.cpp builds from before tool support: {"code":500,"message":"Unsupported param: tools"}
    // (ggml-org/llama.cpp#10920).
    test: /^Unsupported param: tools?(_choice)?$/,
    scope: 'server',
    explain: (words) => providerWords.say('llamaTooOld', { words }),
  },
  {
    // llama.cpp between tool support and streamed tool calls (ggml-org/llama.cpp#12379 lifted it).
    test: /^Cannot use tools with stream$/,
    scope: 'server',
    explain: (words) => providerWords.say('llamaNoStreamedTools', { words }),
  },
  {
    // Ollama server/images.go CheckCapabilities: "<model> does not support tools" (errCapabilities
    // + errCapabilityTools), HTTP 400, on /api/chat as {"error": …} and on /v1 as {"error": {"message"}}
    // (ollama/ollama#14795, #13578).
    test: /\bdoes not support tools\b/,
    scope: 'model',
    explain: (words) => {
      const model = /^(\S+) does not support tools/.exec(words)?.[1];
      const name = model ? model.replace(/^registry\.ollama\.ai\/library\//, '') : '';
      return providerWords.say('ollamaModelNoTools', { model: name, words });
    },
  },
];

/**
 * The error to show for `error`, which ended a request that offered tools: a clear one when it is
 * a server's refusal of the tools, else `error` itself. Not retried: the same request fails again.
 */
export function explainToolRefusal(error: ChatError): ChatError {
  if (error.toolsRefused) return error;
  const words = error.message.trim();
  const refusal = refusals.find((r) => r.test.test(words));
  if (!refusal) return error;
  const status = error.status === undefined ? {} : { status: error.status };
  return chatError('invalid_input', refusal.explain(words), { ...status, toolsRefused: refusal.scope });
}
