// Test connection on a custom WebSocket gateway with no Models URL: it cannot list models, but with
// a default model it runs the same one-token chat as every other kind, and says so.
import { gatewayOptions, startWebSocketJsonServer } from '../servers/websocket-json-server';
import { startServe } from './support/serve-process';
import { expect, test } from './support/fixtures';

test('websocket-json: Test connection with a default model and no Models URL answers through the chat', async ({
  chat,
  dataDir,
  page,
}) => {
  const gateway = await startWebSocketJsonServer();
  const serve = await startServe(dataDir, [
    {
      name: 'My gateway',
      kind: 'websocket-json',
      baseUrl: gateway.baseUrl,
      defaultModel: 'fake-chat',
      options: { ...gatewayOptions },
    },
  ]);
  try {
    await chat.open(serve.openUrl);
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Settings', exact: true });
    await dialog.getByRole('button', { name: 'Edit My gateway' }).click();
    await dialog.getByRole('button', { name: 'Test connection' }).click();
    const status = dialog.getByRole('status');
    await expect(status).toContainText('chat with fake-chat answered');
    await expect(status).not.toContainText('Models URL');
    await expect(status).not.toHaveClass(/test-failed/);
  } finally {
    await serve.stop();
    await gateway.close();
  }
});
