// Strings of the window frame.
import { defineMessages } from '../i18n/define-messages';

export const appMessages = defineMessages({ settings: 'Settings' }, { zh: { settings: '设置' } });
