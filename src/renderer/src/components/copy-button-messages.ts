// Strings of the copy button: its accessible name and what it says after a click.
import { defineMessages } from '../i18n/define-messages';

export const copyButtonMessages = defineMessages(
  { copy: 'Copy', copied: 'Copied', failed: 'Copy failed' },
  { zh: { copy: '复制', copied: '已复制', failed: '复制失败' } },
);
