// Which sidebar group a conversation falls in: Pinned, then by its last activity in local calendar
// days (Today, Yesterday, Previous 7 days, Previous 30 days), then by month. Pure: "now" is given.
import type { ConversationListItem } from '../../../../shared/domain';

export type DateGroup =
  | { kind: 'pinned' }
  | { kind: 'today' }
  | { kind: 'yesterday' }
  | { kind: 'week' }
  | { kind: 'month30' }
  /** `month` from 0, as Date counts it. */
  | { kind: 'month'; year: number; month: number };

export type ListRow =
  { kind: 'header'; key: string; group: DateGroup } | { kind: 'item'; key: string; conversation: ConversationListItem };

/**
 * The local calendar day as a whole number. Built from the local date's parts, so a day is one
 * step even when it lasts 23 or 25 hours (daylight saving).
 */
const localDay = (time: number): number => {
  const d = new Date(time);
  return Date.UTC(d.getFullYear(), d.getMonth(), d.getDate()) / 86_400_000;
};

export function dateGroupOf(time: number, now: number): DateGroup {
  const days = localDay(now) - localDay(time);
  // A time in the future (another machine's clock) counts as today.
  if (days <= 0) return { kind: 'today' };
  if (days === 1) return { kind: 'yesterday' };
  if (days <= 7) return { kind: 'week' };
  if (days <= 30) return { kind: 'month30' };
  const d = new Date(time);
  return { kind: 'month', year: d.getFullYear(), month: d.getMonth() };
}

export const groupKey = (g: DateGroup): string => (g.kind === 'month' ? `month-${g.year}-${g.month}` : g.kind);

/**
 * The rows the virtualized list draws: a header before each group, then its conversations, in the
 * order given (pinned first, then newest activity, as main lists them).
 */
export function toListRows(conversations: readonly ConversationListItem[], now: number): ListRow[] {
  const rows: ListRow[] = [];
  let current = '';
  for (const conversation of conversations) {
    const group: DateGroup = conversation.pinned ? { kind: 'pinned' } : dateGroupOf(conversation.updatedAt, now);
    const key = groupKey(group);
    if (key !== current) {
      rows.push({ kind: 'header', key: `group:${key}`, group });
      current = key;
    }
    rows.push({ kind: 'item', key: conversation.id, conversation });
  }
  return rows;
}
