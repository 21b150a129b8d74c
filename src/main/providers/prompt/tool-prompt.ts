// Tools in a prompt. For templates that take them (Qwen, Hermes, Llama 3.1 and the ChatML and Llama
// 3 presets): the turns and tools in the shape Hugging Face templates read (`tool_calls` with
// arguments as objects, `tool` turns, `{type: "function", function}` tools). For templates that do
// not (Mistral and Gemma presets, a pasted template without `tools`, RunPod's server-side
// template): the same conversation as plain turns, written the way Qwen's and Hermes' templates
// write it: the tools in the system prompt, calls as <tool_call> blocks, results as <tool_response>.
import { Template } from '@huggingface/jinja';
import { parseJson } from '../json-fields';
import type { ChatTurn, ToolCall, ToolDefinition } from '../types';

/** Python's json.dumps as chat templates' `tojson` writes it (", " and ": ", non-ASCII kept). */
const toJsonTemplate = new Template('{{ value | tojson }}');
export const tojson = (value: unknown): string => toJsonTemplate.render({ value });

/** A tool as `transformers` hands it to a chat template. */
export const templateTools = (tools: readonly ToolDefinition[]) =>
  tools.map((t) => ({
    type: 'function',
    function: { name: t.name, description: t.description, parameters: t.parameters },
  }));

/** Arguments as templates want them: the object, or the text when it is not JSON. */
const argumentsValue = (call: ToolCall): unknown => parseJson(call.arguments) ?? call.arguments;

/** A turn as a template reads it; keys only where they have a value (templates test `'x' in message`). */
export function templateMessage(turn: ChatTurn): Record<string, unknown> {
  const message: Record<string, unknown> = { role: turn.role, content: turn.content };
  if (turn.role === 'assistant' && turn.toolCalls?.length) {
    message.tool_calls = turn.toolCalls.map((call) => ({
      id: call.id,
      type: 'function',
      function: { name: call.name, arguments: argumentsValue(call) },
    }));
  }
  if (turn.role === 'tool') {
    if (turn.toolCallId) message.tool_call_id = turn.toolCallId;
    if (turn.toolName) message.name = turn.toolName;
  }
  return message;
}

/** The system prompt's part that offers the tools (Qwen 2.5 / Qwen3 / Hermes wording). */
export function toolsSystemText(tools: readonly ToolDefinition[]): string {
  const schemas = templateTools(tools)
    .map((t) => `\n${tojson(t)}`)
    .join('');
  return (
    '# Tools\n\nYou may call one or more functions to assist with the user query.\n\n' +
    `You are provided with function signatures within <tools></tools> XML tags:\n<tools>${schemas}\n</tools>\n\n` +
    'For each function call, return a json object with function name and arguments within <tool_call></tool_call> XML tags:\n' +
    '<tool_call>\n{"name": <function-name>, "arguments": <args-json-object>}\n</tool_call>'
  );
}

/** One call as a <tool_call> block. */
export function toolCallText(call: ToolCall): string {
  const args = argumentsValue(call);
  return `<tool_call>\n{"name": "${call.name}", "arguments": ${typeof args === 'string' ? args : tojson(args)}}\n</tool_call>`;
}

const toolResponse = (turn: ChatTurn): string => `<tool_response>\n${turn.content}\n</tool_response>`;

/**
 * The turns with no tool in them: the tools' text after the system prompt (or as one), an
 * assistant's calls as blocks after its text, the results of one round together as a user turn.
 * Rendered with plain ChatML this is exactly what the ChatML preset renders with tools.
 */
export function flattenToolTurns(turns: readonly ChatTurn[], tools: readonly ToolDefinition[] = []): ChatTurn[] {
  const out: ChatTurn[] = [];
  turns.forEach((turn, i) => {
    const last = out.at(-1);
    if (turn.role === 'tool') {
      if (last && turns[i - 1]?.role === 'tool') {
        out[out.length - 1] = { ...last, content: `${last.content}\n${toolResponse(turn)}` };
      } else out.push({ role: 'user', content: toolResponse(turn) });
    } else if (turn.role === 'assistant' && turn.toolCalls?.length) {
      const parts = [turn.content, ...turn.toolCalls.map(toolCallText)].filter((part) => part !== '');
      const { toolCalls: _calls, ...rest } = turn;
      out.push({ ...rest, content: parts.join('\n') });
    } else out.push(turn);
  });
  if (!tools.length) return out;
  const offer = toolsSystemText(tools);
  const first = out[0];
  if (first?.role === 'system') out[0] = { ...first, content: `${first.content}\n\n${offer}` };
  else out.unshift({ role: 'system', content: offer });
  return out;
}
