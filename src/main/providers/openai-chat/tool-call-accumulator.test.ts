import { describe, expect, it } from 'vitest';
import { ToolCallAccumulator } from './tool-call-accumulator';

describe('ToolCallAccumulator', () => {
  it('joins argument pieces by index, across interleaved calls', () => {
    const acc = new ToolCallAccumulator();
    acc.add([{ index: 0, id: 'call_a', type: 'function', function: { name: 'get_weather', arguments: '' } }]);
    acc.add([{ index: 1, id: 'call_b', type: 'function', function: { name: 'get_time', arguments: '{"tz":' } }]);
    acc.add([{ index: 0, function: { arguments: '{"city":' } }]);
    acc.add([{ index: 0, function: { arguments: '"Paris"}' } }]);
    acc.add([{ index: 1, function: { arguments: '"UTC"}' } }]);
    expect(acc.take()).toEqual([
      { index: 0, id: 'call_a', name: 'get_weather', arguments: '{"city":"Paris"}' },
      { index: 1, id: 'call_b', name: 'get_time', arguments: '{"tz":"UTC"}' },
    ]);
  });

  it('takes a whole call in one chunk without an index, and ignores junk', () => {
    const acc = new ToolCallAccumulator();
    acc.add('nonsense');
    acc.add([null, { id: 'c', function: { name: 'f', arguments: '{}' } }]);
    expect(acc.take()).toEqual([{ index: 1, id: 'c', name: 'f', arguments: '{}' }]);
  });
});
