// Sidebar grouping by local calendar day, checked in several time zones (the process's zone is
// switched per test), across midnight and daylight-saving changes, with "now" injected.
import { afterAll, describe, expect, it } from 'vitest';
import type { ConversationListItem } from '../../../../shared/domain';
import { asConversationId } from '../../../../shared/ids';
import { dateGroupOf, toListRows, type DateGroup } from './date-groups';

// The renderer's tsconfig has no Node types; the tests run in Node, where the zone is process.env.TZ.
const env = (globalThis as unknown as { process: { env: Record<string, string | undefined> } }).process.env;
const originalZone = env.TZ;
afterAll(() => {
  if (originalZone === undefined) delete env.TZ;
  else env.TZ = originalZone;
});

/** Local wall-clock time in the zone set for the test. */
const at = (y: number, m: number, d: number, h = 12, min = 0): number => new Date(y, m - 1, d, h, min).getTime();

const zones = ['UTC', 'America/New_York', 'Asia/Shanghai', 'Pacific/Kiritimati', 'Pacific/Pago_Pago', 'Europe/London'];

function item(id: string, updatedAt: number, pinned = false): ConversationListItem {
  return {
    id: asConversationId(id),
    title: id,
    backendId: null,
    model: null,
    pinned,
    createdAt: updatedAt,
    updatedAt,
  };
}

describe.each(zones)('dateGroupOf in %s', (zone) => {
  env.TZ = zone;
  const withZone = (fn: () => void) => () => {
    env.TZ = zone;
    fn();
  };

  it(
    'names today, yesterday, the previous 7 and 30 days, then months',
    withZone(() => {
      const now = at(2026, 10, 20, 9);
      const kind = (t: number): DateGroup => dateGroupOf(t, now);
      expect(kind(at(2026, 10, 20, 0, 0))).toEqual({ kind: 'today' });
      expect(kind(at(2026, 10, 20, 23, 59))).toEqual({ kind: 'today' });
      expect(kind(at(2026, 10, 19, 23, 59))).toEqual({ kind: 'yesterday' });
      expect(kind(at(2026, 10, 19, 0, 0))).toEqual({ kind: 'yesterday' });
      expect(kind(at(2026, 10, 18, 23))).toEqual({ kind: 'week' });
      expect(kind(at(2026, 10, 13, 0, 1))).toEqual({ kind: 'week' });
      expect(kind(at(2026, 10, 12, 23))).toEqual({ kind: 'month30' });
      expect(kind(at(2026, 9, 20, 0, 1))).toEqual({ kind: 'month30' });
      expect(kind(at(2026, 9, 19, 23))).toEqual({ kind: 'month', year: 2026, month: 8 });
      expect(kind(at(2026, 9, 1, 0, 0))).toEqual({ kind: 'month', year: 2026, month: 8 });
      expect(kind(at(2025, 12, 31, 23, 59))).toEqual({ kind: 'month', year: 2025, month: 11 });
      // Another machine's clock ahead of ours.
      expect(kind(at(2026, 10, 21, 10))).toEqual({ kind: 'today' });
    }),
  );

  it(
    'counts calendar days, not 24-hour spans, around midnight',
    withZone(() => {
      const justAfterMidnight = at(2026, 1, 1, 0, 5);
      expect(dateGroupOf(at(2025, 12, 31, 23, 55), justAfterMidnight)).toEqual({ kind: 'yesterday' });
      expect(dateGroupOf(at(2026, 1, 1, 0, 1), at(2026, 1, 1, 23, 59))).toEqual({ kind: 'today' });
    }),
  );

  it(
    'counts one day across a daylight-saving change',
    withZone(() => {
      // The US switches on 8 March 2026 and 1 November 2026; Europe on 29 March and 25 October.
      expect(dateGroupOf(at(2026, 3, 8, 0, 30), at(2026, 3, 9, 0, 10))).toEqual({ kind: 'yesterday' });
      expect(dateGroupOf(at(2026, 3, 29, 0, 30), at(2026, 3, 30, 0, 10))).toEqual({ kind: 'yesterday' });
      expect(dateGroupOf(at(2026, 11, 1, 23, 50), at(2026, 11, 2, 0, 10))).toEqual({ kind: 'yesterday' });
      expect(dateGroupOf(at(2026, 10, 25, 23, 30), at(2026, 11, 1, 23, 30))).toEqual({ kind: 'week' });
      expect(dateGroupOf(at(2026, 10, 24, 23, 30), at(2026, 11, 1, 0, 30))).toEqual({ kind: 'month30' });
    }),
  );
});

describe('toListRows', () => {
  it('puts Pinned first and a header before each group, in the order given', () => {
    env.TZ = 'Asia/Shanghai';
    const now = at(2026, 10, 20, 15);
    const rows = toListRows(
      [
        item('pinned-old', at(2025, 1, 1), true),
        item('pinned-new', at(2026, 10, 20), true),
        item('today', at(2026, 10, 20, 8)),
        item('yesterday', at(2026, 10, 19)),
        item('week', at(2026, 10, 15)),
        item('month30', at(2026, 10, 1)),
        item('september-a', at(2026, 9, 10)),
        item('september-b', at(2026, 9, 2)),
        item('august', at(2026, 8, 30)),
      ],
      now,
    );
    expect(rows.map((r) => (r.kind === 'header' ? `[${r.key}]` : r.conversation.title))).toEqual([
      '[group:pinned]',
      'pinned-old',
      'pinned-new',
      '[group:today]',
      'today',
      '[group:yesterday]',
      'yesterday',
      '[group:week]',
      'week',
      '[group:month30]',
      'month30',
      '[group:month-2026-8]',
      'september-a',
      'september-b',
      '[group:month-2026-7]',
      'august',
    ]);
    expect(toListRows([], now)).toEqual([]);
  });
});
