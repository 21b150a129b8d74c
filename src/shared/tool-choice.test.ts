import { describe, expect, it } from 'vitest';
import { allTools, countOn, isToolOn, serverState, withServer, withTool, type ToolChoice } from './tool-choice';

const files = { id: 'files', tools: [{ name: 'read' }, { name: 'write' }, { name: 'delete' }] };
const web = { id: 'web', tools: [{ name: 'fetch' }] };

describe('a conversation’s choice of tools', () => {
  it('offers every tool when it never chose', () => {
    expect(isToolOn(allTools, 'files', 'write')).toBe(true);
    expect(countOn(allTools, [files, web])).toBe(4);
    expect(serverState(allTools, files)).toBe('all');
  });

  it('turns one tool off and on again, keeping no entry once it matches its server', () => {
    const off = withTool(allTools, 'files', 'write', false);
    expect(off).toEqual([{ serverId: 'files', tool: 'write', on: false }]);
    expect(isToolOn(off, 'files', 'write')).toBe(false);
    expect(isToolOn(off, 'files', 'read')).toBe(true);
    expect(serverState(off, files)).toBe('some');
    expect(countOn(off, [files, web])).toBe(3);
    expect(withTool(off, 'files', 'write', true)).toEqual([]);
  });

  it('a server’s checkbox sets all its tools, forgetting their own entries', () => {
    const some = withTool(allTools, 'files', 'write', false);
    const none = withServer(some, 'files', false);
    expect(none).toEqual([{ serverId: 'files', tool: null, on: false }]);
    expect(serverState(none, files)).toBe('none');
    expect(countOn(none, [files, web])).toBe(1);
    // A tool the server adds later follows the server's choice.
    expect(isToolOn(none, 'files', 'rename')).toBe(false);
    // One tool back on inside a server that is off.
    const one = withTool(none, 'files', 'read', true);
    expect(isToolOn(one, 'files', 'read')).toBe(true);
    expect(isToolOn(one, 'files', 'write')).toBe(false);
    expect(serverState(one, files)).toBe('some');
    expect(withServer(one, 'files', true)).toEqual([]);
  });

  it('leaves other servers alone', () => {
    const choice: ToolChoice = withServer(withTool(allTools, 'web', 'fetch', false), 'files', false);
    expect(withServer(choice, 'files', true)).toEqual([{ serverId: 'web', tool: 'fetch', on: false }]);
    expect(countOn(choice, [files, web])).toBe(0);
  });
});
