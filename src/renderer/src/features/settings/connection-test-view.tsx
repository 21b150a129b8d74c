// The form's test result, in a `status`: a success as a headline and its facts (server and
// version, latency, model count, the one-token chat) with the listed models in a list; a failure
// as a headline and the reason.
import { CircleCheck, CircleX, LoaderCircle } from 'lucide-react';
import { useMessages } from '../../i18n/use-messages';
import { backendFormMessages } from './backend-form-messages';
import type { TestState } from './connection-test';
import './connection-test.css';

function ModelList({ models, label }: { models: readonly string[]; label: string }) {
  if (!models.length) return null;
  // Focusable so a keyboard can scroll a long list.
  return (
    <ul className="test-models" aria-label={label} tabIndex={0}>
      {models.map((model) => (
        <li key={model}>{model}</li>
      ))}
    </ul>
  );
}

export function ConnectionTestView({ test }: { test: TestState }) {
  const m = useMessages(backendFormMessages);
  const icon = { size: 16, strokeWidth: 2, 'aria-hidden': true, focusable: false } as const;
  switch (test.state) {
    case 'idle':
      return <div role="status" className="test-result test-idle" />;
    case 'testing':
      return (
        <div role="status" className="test-result test-testing">
          <p className="test-headline">
            <LoaderCircle {...icon} className="test-spinner" />
            {m.testing}
          </p>
        </div>
      );
    case 'failed':
      return (
        <div role="status" className="test-result test-failed">
          <p className="test-headline">
            <CircleX {...icon} />
            {m.testFailed}
          </p>
          <p className="test-reason">{test.message}</p>
          {test.code && (
            <details className="test-details">
              <summary>{m.details}</summary>
              <code>{test.code}</code>
            </details>
          )}
          <ModelList models={test.models} label={m.modelsList} />
        </div>
      );
    case 'ok': {
      const { server, latencyMs, models, chat } = test.result;
      return (
        <div role="status" className="test-result test-ok">
          <p className="test-headline">
            <CircleCheck {...icon} />
            {m.testPassed}
          </p>
          <dl className="test-facts">
            <div>
              <dt>{m.serverLabel}</dt>
              <dd>{server ?? m.unknownServer}</dd>
            </div>
            <div>
              <dt>{m.latencyLabel}</dt>
              <dd>{m.millis(Math.round(latencyMs))}</dd>
            </div>
            <div>
              <dt>{m.modelsLabel}</dt>
              <dd>{m.modelCount(models.length)}</dd>
            </div>
            {chat && (
              <div>
                <dt>{m.chatLabel}</dt>
                <dd>{m.chatAnsweredIn(chat.model, Math.round(chat.latencyMs))}</dd>
              </div>
            )}
          </dl>
          <ModelList models={models} label={m.modelsList} />
        </div>
      );
    }
  }
}
