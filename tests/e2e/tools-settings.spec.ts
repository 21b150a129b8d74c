// Settings → Tools end to end in Chromium through the web host: a pasted mcpServers config (what
// was saved, each problem), a server that fails at start (its reason, stderr and retry), the
// switch, Edit keeping a saved header value it never shows (seen on the wire by a listening
// server), the form's own and main's refusals in an alert, and Remove asked once more.
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from './support/fixtures';
import { serverStartMs, testServerArgs, ToolsSettingsPage } from './support/tools-page';

/** An HTTP server that is no MCP server: it records each request's headers and answers 503. */
async function listeningServer(): Promise<{ url: string; seen: IncomingHttpHeaders[]; close(): Promise<void> }> {
  const seen: IncomingHttpHeaders[] = [];
  const server = createServer((req, res) => {
    seen.push(req.headers);
    req.resume();
    res.writeHead(503, { 'content-type': 'text/plain' }).end('not here');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/mcp`,
    seen,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

test('servers pasted, failing, switched off, edited with saved values kept, refused, and removed', async ({
  serve,
  chat,
  page,
}) => {
  const listener = await listeningServer();
  try {
    await chat.open(serve.openUrl);
    const tools = new ToolsSettingsPage(page);
    await tools.open();
    const panel = tools.panel;
    await expect(panel).toContainText('No tool servers yet');

    // Paste config: two servers saved, a broken entry and a field Runnel does not know reported.
    await panel.getByRole('button', { name: 'Paste config' }).click();
    const config = {
      mcpServers: {
        broken: { command: process.execPath, args: testServerArgs('exit-at-start'), autoApprove: ['x'] },
        remote: { url: 'http://127.0.0.1:9/mcp', headers: { Authorization: 'Bearer secret-1' }, disabled: true },
        empty: { command: '' },
      },
    };
    await panel.getByRole('textbox', { name: 'Config (JSON)' }).fill(JSON.stringify(config));
    await panel.getByRole('button', { name: 'Import', exact: true }).click();
    await expect(panel.getByRole('status').filter({ hasText: 'Saved' })).toHaveText('Saved 2 servers.');
    const problems = panel.getByRole('list', { name: '2 problems' }).getByRole('listitem');
    await expect(problems).toHaveCount(2);
    await expect(problems.filter({ hasText: '"broken"' })).toContainText('autoApprove: not a field Runnel knows');
    await expect(problems.filter({ hasText: '"empty"' })).toContainText('mcpServers.empty.command');

    // A server that exits at start: the reason, its stderr's last lines, and when it tries again.
    await expect(tools.status('broken')).toHaveAttribute('data-state', 'failed', { timeout: serverStartMs });
    await expect(tools.status('broken')).toContainText(/Failed: .+ Trying again (in \d+ s|now)/);
    await expect(tools.status('broken').locator('pre')).toHaveText('Error: TEST_TOKEN is not set');
    await expect(tools.status('remote')).toHaveText('Off');
    await expect(tools.server('remote').getByRole('switch', { name: 'Enabled: remote' })).not.toBeChecked();

    // Switched off, it stops; the switch says so.
    const brokenSwitch = tools.server('broken').getByRole('switch', { name: 'Enabled: broken' });
    await expect(brokenSwitch).toBeChecked();
    await brokenSwitch.uncheck();
    await expect(tools.status('broken')).toHaveText('Off');
    await expect(brokenSwitch).not.toBeChecked();

    // Edit: the saved header shows by name with an empty value, and saving keeps its value.
    await tools.server('remote').getByRole('button', { name: 'Edit remote' }).click();
    const form = panel.getByRole('form', { name: 'Edit remote' });
    await expect(form.getByRole('radio', { name: 'URL', exact: true })).toBeChecked();
    await expect(form.getByRole('textbox', { name: 'Header 1 name' })).toHaveValue('Authorization');
    await expect(form.getByLabel('Header 1 value')).toHaveValue('');
    await form.getByRole('textbox', { name: 'URL', exact: true }).fill(listener.url);
    await form.getByRole('textbox', { name: 'Call time limit' }).fill('90');
    await form.getByRole('radio', { name: 'Allow all calls (destructive tools still ask)' }).check();
    await form.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(form).toBeHidden();
    await expect(tools.server('remote')).toContainText(listener.url);
    await expect(tools.server('remote')).toContainText('allows all calls · time limit 90 s');
    await tools.server('remote').getByRole('switch', { name: 'Enabled: remote' }).check();
    await expect(tools.status('remote')).toHaveAttribute('data-state', 'failed', { timeout: serverStartMs });
    expect(listener.seen.length).toBeGreaterThan(0);
    expect(listener.seen[0]!.authorization).toBe('Bearer secret-1');

    // The form's own check, and main's refusal, each in an alert; Cancel closes the form.
    await panel.getByRole('button', { name: 'Add server' }).click();
    const add = panel.getByRole('form', { name: 'New tool server' });
    await expect(add.getByRole('textbox', { name: 'Name', exact: true })).toBeFocused();
    await add.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(add.getByRole('alert')).toHaveText('The server needs a name.');
    await add.getByRole('textbox', { name: 'Name', exact: true }).fill('remote');
    await add.getByRole('textbox', { name: 'Command', exact: true }).fill('node');
    await add.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(add.getByRole('alert')).toHaveText('A tool server named "remote" already exists');
    await add.getByRole('button', { name: 'Cancel' }).click();
    await expect(add).toBeHidden();

    // Remove asks once more; Cancel keeps the server, Remove removes it.
    await tools.server('broken').getByRole('button', { name: 'Remove broken' }).click();
    const confirm = tools.server('broken').getByRole('group', { name: /^Remove broken\?/ });
    await expect(confirm.getByRole('button', { name: 'Cancel' })).toBeFocused();
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await expect(confirm).toBeHidden();
    await tools.server('broken').getByRole('button', { name: 'Remove broken' }).click();
    await confirm.getByRole('button', { name: 'Remove', exact: true }).click();
    await expect(tools.server('broken')).toHaveCount(0);
    await expect(panel).toContainText('Removed broken.');
    await expect(panel.getByRole('listitem').filter({ has: page.locator('.tool-server-name') })).toHaveCount(1);
  } finally {
    await listener.close();
  }
});
