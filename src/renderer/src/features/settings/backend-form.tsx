// The form for adding or editing a backend. The stored API key is never shown: an empty field
// keeps it. "Test connection" tries the draft as typed and fills the model suggestions.
import { useId, useState, type FormEvent } from 'react';
import { backendOptionFields, type BackendOptionField, type BackendOptions } from '../../../../shared/backend-options';
import type { ChatError } from '../../../../shared/chat-error';
import {
  backendKinds,
  httpModes,
  type Backend,
  type BackendKind,
  type ConnectionTestResult,
  type HttpMode,
} from '../../../../shared/domain';
import type { RequestInput } from '../../../../shared/ipc/contract';

export type BackendDraft = RequestInput<'backends:save'>['backend'];

const kindLabels: Record<BackendKind, string> = {
  'openai-chat': 'OpenAI-compatible chat (openai-chat)',
  'openai-responses': 'OpenAI Responses API (openai-responses)',
  anthropic: 'Anthropic Messages API (anthropic)',
  ollama: 'Ollama native API (ollama)',
  'triton-grpc': 'Triton Inference Server over gRPC, vLLM or TensorRT-LLM (triton-grpc)',
  'openai-realtime': 'OpenAI Realtime API over WebSocket, text only (openai-realtime)',
  'websocket-json': 'Custom WebSocket gateway, JSON frames (websocket-json)',
  koboldcpp: 'KoboldCpp native API, prompt + chat template (koboldcpp)',
  runpod: 'RunPod serverless endpoint, worker-vllm (runpod)',
};

const httpLabels: Record<HttpMode, string> = {
  auto: 'Automatic (HTTP/2 when an https server offers it)',
  h1: 'HTTP/1.1',
  h2: 'HTTP/2 over TLS',
  h2c: 'HTTP/2 without TLS (h2c, prior knowledge)',
};

function KindOption(props: {
  id: string;
  field: BackendOptionField;
  value: string;
  onChange: (value: string) => void;
}) {
  const { id, field, value, onChange } = props;
  return (
    <>
      <label htmlFor={id}>{field.label}</label>
      {field.multiline ? (
        <textarea
          id={id}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          placeholder={field.placeholder}
          rows={3}
          spellCheck={false}
        />
      ) : (
        <input
          id={id}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          placeholder={field.placeholder}
          autoComplete="off"
          spellCheck={false}
        />
      )}
    </>
  );
}

interface Props {
  /** The backend being edited, or null for a new one. */
  backend: Backend | null;
  /** Models already known for it, suggested before any test. */
  knownModels: readonly string[];
  onTest: (draft: BackendDraft) => Promise<ConnectionTestResult | ChatError>;
  /** Resolves to an error message, or null when saved. */
  onSave: (draft: BackendDraft) => Promise<string | null>;
}

type TestState =
  | { state: 'idle' }
  | { state: 'testing' }
  | { state: 'ok'; result: ConnectionTestResult }
  | { state: 'failed'; message: string; models: string[] };

export function describeTest(test: TestState): string {
  switch (test.state) {
    case 'idle':
      return '';
    case 'testing':
      return 'Testing…';
    case 'failed':
      return test.message;
    case 'ok': {
      const { server, latencyMs, models, chat } = test.result;
      const who = server ? `Connected to ${server}` : 'Connected';
      const n = models.length;
      const listed = n ? `${n} ${n === 1 ? 'model' : 'models'}: ${models.join(', ')}` : 'no models listed';
      const chatLine = chat ? `; chat with ${chat.model} answered in ${Math.round(chat.latencyMs)} ms` : '';
      return `${who} in ${Math.round(latencyMs)} ms — ${listed}${chatLine}`;
    }
  }
}

export function BackendForm({ backend, knownModels, onTest, onSave }: Props) {
  const id = useId();
  const [name, setName] = useState(backend?.name ?? '');
  const [kind, setKind] = useState<BackendKind>(backend?.kind ?? 'openai-chat');
  const [baseUrl, setBaseUrl] = useState(backend?.baseUrl ?? '');
  const [apiKey, setApiKey] = useState('');
  const [defaultModel, setDefaultModel] = useState(backend?.defaultModel ?? '');
  const [http, setHttp] = useState<HttpMode>(backend?.http ?? 'auto');
  const [tlsCa, setTlsCa] = useState(backend?.tlsCa ?? '');
  const [options, setOptions] = useState<BackendOptions>(backend?.options ?? {});
  const [test, setTest] = useState<TestState>({ state: 'idle' });
  const [saveError, setSaveError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const tested = test.state === 'ok' ? test.result.models : test.state === 'failed' ? test.models : [];
  const suggestions = tested.length ? tested : knownModels;

  const draft = (): BackendDraft => ({
    name: name.trim(),
    kind,
    baseUrl: baseUrl.trim(),
    // Empty keeps the stored key; there is no way to read it back, so nothing else could be meant.
    apiKey: apiKey === '' ? undefined : apiKey,
    defaultModel: defaultModel.trim() || null,
    http,
    tlsCa: tlsCa.trim() || null,
    options: Object.fromEntries(backendOptionFields[kind].map((f) => [f.key, options[f.key] ?? ''])),
  });

  const runTest = async (): Promise<void> => {
    setTest({ state: 'testing' });
    // A draft needs a name to pass validation; testing does not care what it is.
    const result = await onTest({ ...draft(), name: name.trim() || 'Untitled' });
    if ('code' in result) setTest({ state: 'failed', message: `${result.message} (${result.code})`, models: [] });
    else if (result.ok) setTest({ state: 'ok', result });
    else {
      const error = result.error;
      const message = error ? `${error.message} (${error.code})` : 'The connection failed.';
      setTest({ state: 'failed', message, models: result.models });
    }
  };

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setSaving(true);
    setSaveError(await onSave(draft()));
    setSaving(false);
  };

  const field = (suffix: string): string => `${id}-${suffix}`;
  const listId = field('models');

  return (
    <form className="backend-form" noValidate onSubmit={(event) => void submit(event)}>
      <h3>{backend ? `Editing ${backend.name}` : 'New backend'}</h3>
      <label htmlFor={field('name')}>Name</label>
      <input
        id={field('name')}
        value={name}
        onChange={(e) => setName(e.target.value)}
        placeholder="vLLM on gpu-box"
        autoComplete="off"
        required
      />
      <label htmlFor={field('kind')}>Kind</label>
      <select id={field('kind')} value={kind} onChange={(e) => setKind(e.target.value as BackendKind)}>
        {backendKinds.map((k) => (
          <option key={k} value={k}>
            {kindLabels[k]}
          </option>
        ))}
      </select>
      <label htmlFor={field('url')}>Base URL</label>
      <input
        id={field('url')}
        type="url"
        value={baseUrl}
        onChange={(e) => setBaseUrl(e.target.value)}
        placeholder="http://127.0.0.1:8000/v1"
        autoComplete="off"
        spellCheck={false}
        required
      />
      <label htmlFor={field('key')}>API key</label>
      <input
        id={field('key')}
        type="password"
        value={apiKey}
        onChange={(e) => setApiKey(e.target.value)}
        placeholder={backend?.hasApiKey ? 'Saved — leave empty to keep' : 'Optional'}
        autoComplete="off"
        spellCheck={false}
      />
      <label htmlFor={field('model')}>Default model</label>
      <input
        id={field('model')}
        value={defaultModel}
        onChange={(e) => setDefaultModel(e.target.value)}
        list={suggestions.length ? listId : undefined}
        placeholder="Optional"
        autoComplete="off"
        spellCheck={false}
      />
      <label htmlFor={field('http')}>HTTP version</label>
      <select id={field('http')} value={http} onChange={(e) => setHttp(e.target.value as HttpMode)}>
        {httpModes.map((m) => (
          <option key={m} value={m}>
            {httpLabels[m]}
          </option>
        ))}
      </select>
      <label htmlFor={field('ca')}>Trusted certificate</label>
      <textarea
        id={field('ca')}
        value={tlsCa}
        onChange={(e) => setTlsCa(e.target.value)}
        placeholder="Optional: the server's certificate or its CA, in PEM (-----BEGIN CERTIFICATE-----), for a self-signed https server"
        rows={2}
        spellCheck={false}
      />
      {backendOptionFields[kind].map((f) => (
        <KindOption
          key={f.key}
          id={field(`option-${f.key}`)}
          field={f}
          value={options[f.key] ?? ''}
          onChange={(value) => setOptions((o) => ({ ...o, [f.key]: value }))}
        />
      ))}
      {suggestions.length > 0 && (
        <datalist id={listId}>
          {suggestions.map((m) => (
            <option key={m} value={m} />
          ))}
        </datalist>
      )}
      <p role="status" className={`test-result test-${test.state}`}>
        {describeTest(test)}
      </p>
      {saveError && (
        <p role="alert" className="form-error">
          {saveError}
        </p>
      )}
      <div className="form-actions">
        <button type="button" onClick={() => void runTest()} disabled={test.state === 'testing'}>
          Test connection
        </button>
        <button type="submit" className="primary" disabled={saving}>
          Save
        </button>
      </div>
    </form>
  );
}
