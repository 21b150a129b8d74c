// Applies the config file's backends and tool servers at start. Every problem, the file's own (a field that is
// wrong, JSON that does not parse) or one the store found (a URL it refuses), is logged and
// shown as a notice; the entries that are fine apply.
import type { BackendStore } from '../backends/backend-store';
import type { ConfigProblem, RunnelConfig } from '../backends/runnel-config';
import type { Tools } from '../tools/create-tools';
import type { NoticeBoard } from './notice-board';

export async function provisionConfig(
  config: RunnelConfig,
  backends: BackendStore,
  tools: Pick<Tools, 'provision'>,
  notices: NoticeBoard,
  backendsChanged: () => void,
): Promise<ConfigProblem[]> {
  const file = config.file ?? 'runnel.config.json';
  const refusedTools = (await tools.provision(config.mcpServers ?? [])).map(({ name, ...why }): ConfigProblem => ({
    file,
    entry: `"${name}" (mcpServers)`,
    ...why,
  }));
  const problems = [
    ...(config.problems ?? []),
    ...(await backends.provision(config.backends ?? [], config.file)),
    ...refusedTools,
  ];
  if (config.backends?.length) backendsChanged();
  for (const p of problems) {
    console.error(`[runnel] ${p.file}${p.entry ? `, ${p.entry}` : ''}: ${p.reason}`);
    notices.add({
      kind: 'config-problem',
      file: p.file,
      entry: p.entry,
      detail: p.reason,
      ...(p.said ? { said: p.said } : {}),
    });
  }
  return problems;
}
