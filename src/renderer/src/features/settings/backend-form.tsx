// The form for adding or editing a backend. Stored secrets (the API key, header values) are never
// shown: an empty field keeps them. "Test connection" tries the draft as typed and fills the model
// suggestions. Headers, timeouts and default parameters are checked here before main sees them.
import { Check } from 'lucide-react';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
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
import { SelectField } from '../../components/select-field';
import { useMessages } from '../../i18n/use-messages';
import { extraFieldsOf, parseExtras, type ExtraFields } from './backend-extras';
import { backendFormMessages, type BackendFormMessages } from './backend-form-messages';
import { desktopMessages } from './desktop-messages';
import { BackendExtraFields } from './backend-extra-fields';
import { ContextWindowFields } from './context-window-fields';
import { contextWindowMessages } from './context-window-messages';
import { parseWindowRows, windowRowsOf, type WindowRow } from './context-window-rows';
import { testOutcome, type TestState } from './connection-test';
import { ConnectionTestView } from './connection-test-view';

export type BackendDraft = RequestInput<'backends:save'>['backend'];

function KindOption(props: {
  id: string;
  field: BackendOptionField;
  value: string;
  onChange: (value: string) => void;
  m: BackendFormMessages;
}) {
  const { id, field, value, onChange, m } = props;
  const label = m.optionLabel(field.key, field.label);
  const placeholder = m.optionPlaceholder(field.key, field.placeholder);
  return (
    <>
      <label htmlFor={id}>{label}</label>
      {field.multiline ? (
        <textarea
          id={id}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          placeholder={placeholder}
          rows={3}
          spellCheck={false}
        />
      ) : (
        <input
          id={id}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          placeholder={placeholder}
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
  /** Opened by "Add backend" or "Edit": scroll the form into view and put the focus in "Name". */
  focusOnMount?: boolean;
  /** The name just saved, confirmed beside Save. */
  savedName?: string | null;
}

export function BackendForm({ backend, knownModels, onTest, onSave, focusOnMount, savedName }: Props) {
  const m = useMessages(backendFormMessages);
  const dm = useMessages(desktopMessages);
  const id = useId();
  const [name, setName] = useState(backend?.name ?? '');
  const [kind, setKind] = useState<BackendKind>(backend?.kind ?? 'openai-chat');
  const [baseUrl, setBaseUrl] = useState(backend?.baseUrl ?? '');
  const [apiKey, setApiKey] = useState('');
  const [defaultModel, setDefaultModel] = useState(backend?.defaultModel ?? '');
  const [http, setHttp] = useState<HttpMode>(backend?.http ?? 'auto');
  const [tlsCa, setTlsCa] = useState(backend?.tlsCa ?? '');
  const [options, setOptions] = useState<BackendOptions>(backend?.options ?? {});
  const [extras, setExtras] = useState<ExtraFields>(() => extraFieldsOf(backend));
  const [windows, setWindows] = useState<WindowRow[]>(() => windowRowsOf(backend));
  const wm = useMessages(contextWindowMessages);
  const [test, setTest] = useState<TestState>({ state: 'idle' });
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const nameRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (!focusOnMount) return;
    formRef.current?.scrollIntoView({ block: 'start' });
    nameRef.current?.focus({ preventScroll: true });
  }, [focusOnMount]);

  const tested = test.state === 'ok' ? test.result.models : test.state === 'failed' ? test.models : [];
  const suggestions = tested.length ? tested : knownModels;

  /** The draft as typed, or null (with the reason shown) when a field is wrong. */
  const draft = (): BackendDraft | null => {
    const parsed = parseExtras(extras, m);
    if (!parsed.ok) {
      setFormError(parsed.message);
      return null;
    }
    const contextWindows = parseWindowRows(windows, wm);
    if (!contextWindows.ok) {
      setFormError(contextWindows.message);
      return null;
    }
    setFormError(null);
    return {
      name: name.trim(),
      kind,
      baseUrl: baseUrl.trim(),
      // Empty keeps the stored key; there is no way to read it back, so nothing else could be meant.
      apiKey: apiKey === '' ? undefined : apiKey,
      defaultModel: defaultModel.trim() || null,
      http,
      tlsCa: tlsCa.trim() || null,
      options: Object.fromEntries(backendOptionFields[kind].map((f) => [f.key, options[f.key] ?? ''])),
      ...parsed.value,
      contextWindows: contextWindows.value,
    };
  };

  const runTest = async (): Promise<void> => {
    const typed = draft();
    if (!typed) return;
    setTest({ state: 'testing' });
    // A draft needs a name to pass validation; testing does not care what it is.
    const result = await onTest({ ...typed, name: typed.name || m.untitled });
    setTest(testOutcome(result, m));
  };

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const typed = draft();
    if (!typed) return;
    setSaving(true);
    setFormError(await onSave(typed));
    setSaving(false);
  };

  const field = (suffix: string): string => `${id}-${suffix}`;
  const listId = field('models');

  return (
    <form ref={formRef} className="backend-form" noValidate onSubmit={(event) => void submit(event)}>
      <h3>{backend ? m.editing(backend.name) : m.newBackend}</h3>
      <label htmlFor={field('name')}>{m.name}</label>
      <input
        ref={nameRef}
        id={field('name')}
        value={name}
        onChange={(e) => setName(e.target.value)}
        placeholder={m.namePlaceholder}
        autoComplete="off"
        required
      />
      <SelectField
        label={m.kind}
        choices={backendKinds.map((k) => ({ id: k, label: m.kindLabel(k) }))}
        value={kind}
        onChange={setKind}
      />
      <label htmlFor={field('url')}>{m.baseUrl}</label>
      <input
        id={field('url')}
        // A gRPC target is often written host:port, which is not a URL; main accepts it for Triton.
        type={kind === 'triton-grpc' ? 'text' : 'url'}
        value={baseUrl}
        onChange={(e) => setBaseUrl(e.target.value)}
        placeholder="http://127.0.0.1:8000/v1"
        autoComplete="off"
        spellCheck={false}
        required
      />
      <label htmlFor={field('key')}>{m.apiKey}</label>
      <input
        id={field('key')}
        type="password"
        value={apiKey}
        onChange={(e) => setApiKey(e.target.value)}
        placeholder={backend?.secretsUnreadable ? dm.keyMissing : backend?.hasApiKey ? m.apiKeySaved : m.optional}
        aria-describedby={backend?.secretsUnreadable ? field('key-missing') : undefined}
        autoComplete="off"
        spellCheck={false}
      />
      {backend?.secretsUnreadable && (
        <p id={field('key-missing')} className="form-note weak">
          {dm.keyMissingNote}
        </p>
      )}
      <label htmlFor={field('model')}>{m.defaultModel}</label>
      <input
        id={field('model')}
        value={defaultModel}
        onChange={(e) => setDefaultModel(e.target.value)}
        list={suggestions.length ? listId : undefined}
        placeholder={m.optional}
        autoComplete="off"
        spellCheck={false}
      />
      <SelectField
        label={m.httpVersion}
        choices={httpModes.map((mode) => ({ id: mode, label: m.httpLabel(mode) }))}
        value={http}
        onChange={setHttp}
      />
      <label htmlFor={field('ca')}>{m.trustedCertificate}</label>
      <textarea
        id={field('ca')}
        value={tlsCa}
        onChange={(e) => setTlsCa(e.target.value)}
        placeholder={m.trustedCertificatePlaceholder}
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
          m={m}
        />
      ))}
      <BackendExtraFields idPrefix={id} fields={extras} onChange={setExtras} m={m} />
      <ContextWindowFields rows={windows} onChange={setWindows} modelList={suggestions.length ? listId : undefined} />
      {suggestions.length > 0 && (
        <datalist id={listId}>
          {suggestions.map((model) => (
            <option key={model} value={model} />
          ))}
        </datalist>
      )}
      <ConnectionTestView test={test} />
      {formError && (
        <p role="alert" className="form-error">
          {formError}
        </p>
      )}
      <div className="form-actions">
        {savedName && (
          <p className="form-saved" aria-live="polite">
            <Check size={16} strokeWidth={2.25} aria-hidden focusable={false} />
            {m.savedHere(savedName)}
          </p>
        )}
        <button type="button" onClick={() => void runTest()} disabled={test.state === 'testing'}>
          {m.testConnection}
        </button>
        <button type="submit" className="primary" disabled={saving}>
          {m.save}
        </button>
      </div>
    </form>
  );
}
