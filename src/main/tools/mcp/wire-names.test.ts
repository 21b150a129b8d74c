// Tool names sent to models: valid for every API, unique, stable in any order, mapped back.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assignWireNames, type ToolRef, wireNamePattern } from './wire-names';

const ref = (serverName: string, toolName: string, serverId = serverName): ToolRef => ({
  serverId,
  serverName,
  toolName,
});

describe('assignWireNames', () => {
  it('joins server and tool, replacing what a name may not hold', () => {
    const { names } = assignWireNames([
      ref('github', 'create_issue'),
      ref('My Files', 'read.file'),
      ref('数据', 'tool'),
      ref('a', '搜索'),
    ]);
    expect(names).toEqual(['github__create_issue', 'My_Files__read_file', 'mcp__tool', 'a__tool']);
  });

  it('shortens long names with a hash, keeping the tool visible', () => {
    const long = ref('a-very-long-server-name-that-goes-on-and-on', 'a_tool_with_a_long_name_as_well_and_more');
    const [name] = assignWireNames([long]).names;
    expect(name).toMatch(wireNamePattern);
    expect(name).toMatch(/^a-very-long-server-n__a_tool_with_a_long_name_as_well_and_[0-9a-f]{6}$/);
    expect(name).toHaveLength(64);
  });

  it('resolves collisions the same way whatever the order, and maps every name back', () => {
    const refs = [ref('a.b', 't', 'id1'), ref('a_b', 't', 'id2'), ref('a b', 't', 'id3')];
    const one = assignWireNames(refs);
    const other = assignWireNames([...refs].reverse());
    expect(new Set(one.names).size).toBe(3);
    expect(one.names).toEqual([...other.names].reverse());
    // The one that sorts first by server name keeps the plain name.
    expect(one.names[2]).toBe('a_b__t');
    for (const [i, name] of one.names.entries()) expect(one.byName.get(name)).toBe(refs[i]);
  });

  it('gives one name to the same tool listed twice', () => {
    const { names, byName } = assignWireNames([ref('s', 't'), ref('s', 't')]);
    expect(names).toEqual(['s__t', 's__t']);
    expect(byName.size).toBe(1);
  });

  it('always gives valid, unique names that map back (property)', () => {
    const part = fc.string({ minLength: 0, maxLength: 90, unit: 'grapheme' });
    fc.assert(
      fc.property(
        fc.array(fc.record({ serverName: part, toolName: part, serverId: fc.constantFrom('x', 'y', 'z') }), {
          maxLength: 30,
        }),
        (refs) => {
          const { names, byName } = assignWireNames(refs);
          const keys = new Set(refs.map((r) => `${r.serverId}\0${r.toolName}`));
          expect(byName.size).toBe(keys.size);
          for (const [i, name] of names.entries()) {
            expect(name).toMatch(wireNamePattern);
            const back = byName.get(name);
            expect(back?.serverId).toBe(refs[i]?.serverId);
            expect(back?.toolName).toBe(refs[i]?.toolName);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
