// One conversation per backend kind, end to end: the real renderer in Chromium through the web
// host, against a fake server speaking that kind's wire format. Each streams, ends done, and
// stops for real (the server sees the client go).
import type { BackendKind } from '../../src/shared/domain';
import { startAnthropicServer } from '../servers/anthropic-server';
import { startOllamaServer } from '../servers/ollama-server';
import { startOpenAiChatServer } from '../servers/openai-chat-server';
import { startKoboldServer } from '../servers/koboldcpp-server';
import { startRealtimeServer } from '../servers/realtime-server';
import { startResponsesServer } from '../servers/responses-server';
import { startRunPodServer } from '../servers/runpod-server';
import { startTritonServer } from '../servers/triton-grpc-server';
import { gatewayOptions, startWebSocketJsonServer } from '../servers/websocket-json-server';
import { startServe } from './support/serve-process';
import { expect, test } from './support/fixtures';

interface Fake {
  baseUrl: string;
  nextClientAbort(): Promise<{ model: string }>;
  close(): Promise<void>;
}

const kinds: { kind: BackendKind; start: () => Promise<Fake>; model: string; endless: string }[] = [
  { kind: 'openai-chat', start: () => startOpenAiChatServer(), model: 'fake-reasoning', endless: 'fake-endless' },
  { kind: 'openai-responses', start: () => startResponsesServer(), model: 'fake-thinking', endless: 'fake-endless' },
  { kind: 'anthropic', start: () => startAnthropicServer(), model: 'fake-thinking', endless: 'fake-endless' },
  { kind: 'ollama', start: () => startOllamaServer(), model: 'fake-thinking:latest', endless: 'fake-endless:latest' },
];

for (const { kind, start, model, endless } of kinds) {
  test(`${kind}: an answer streams in with its reasoning, and Stop reaches the server`, async ({ chat, dataDir }) => {
    const fake = await start();
    const name = `Fake ${kind}`;
    const serve = await startServe(dataDir, [{ name, kind, baseUrl: fake.baseUrl }]);
    try {
      await chat.open(serve.openUrl);
      await chat.pickModel(model, name);
      await chat.recordAnswer();
      // Long enough to arrive in several flushes even on a loaded machine (a four-word echo could
      // land in one, and show once).
      await chat.send(`Hello ${kind}, say these words back one by one so the answer arrives in several pieces`);
      // More than one visible state: it streamed. (chat.spec.ts checks progressive rendering in
      // depth on a long answer.)
      const states = await chat.recordedAnswer();
      expect(states.length).toBeGreaterThanOrEqual(2);
      await expect(chat.lastAnswer.locator('[data-part="content"]')).toContainText(`Echo: Hello ${kind}`);
      await expect(chat.lastAnswer.getByRole('group', { name: 'Reasoning' })).toBeAttached();

      await chat.pickModel(endless, name);
      await chat.send('Keep going');
      await expect(chat.lastAnswer.locator('[data-part="content"]')).not.toBeEmpty();
      const aborted = fake.nextClientAbort();
      await chat.stop();
      expect((await aborted).model).toContain('fake-endless');
      await chat.expectAnswerStatus('cancelled');
    } finally {
      await serve.stop();
      await fake.close();
    }
  });
}

// Kinds whose fake fixes its behaviour per server (KoboldCpp, RunPod) or lists no models
// (a custom gateway): one plain conversation each, in the browser, to the end.
const plain: {
  kind: BackendKind;
  start: () => Promise<{ baseUrl: string; close(): Promise<void> }>;
  model: string;
  options?: Record<string, string>;
}[] = [
  { kind: 'openai-realtime', start: () => startRealtimeServer(), model: 'fake-chat' },
  {
    kind: 'websocket-json',
    start: () => startWebSocketJsonServer(),
    model: 'fake-chat',
    options: { ...gatewayOptions },
  },
  { kind: 'koboldcpp', start: () => startKoboldServer({ behaviour: 'fake-chat' }), model: 'fake-chat' },
  { kind: 'runpod', start: () => startRunPodServer({ behaviour: 'fake-chat' }), model: 'fake-chat' },
  { kind: 'triton-grpc', start: () => startTritonServer(), model: 'fake-chat' },
];

for (const { kind, start, model, options } of plain) {
  test(`${kind}: an answer streams in and ends done`, async ({ chat, dataDir }) => {
    const fake = await start();
    const name = `Fake ${kind}`;
    const serve = await startServe(dataDir, [{ name, kind, baseUrl: fake.baseUrl, defaultModel: model, options }]);
    try {
      await chat.open(serve.openUrl);
      await chat.pickModel(model, name);
      await chat.send(`Hello ${kind}`);
      await chat.watchAnswer();
      await chat.expectAnswerStatus('done');
      await expect(chat.lastAnswer.locator('[data-part="content"]')).toContainText(`Hello ${kind}`);
    } finally {
      await serve.stop();
      await fake.close();
    }
  });
}
