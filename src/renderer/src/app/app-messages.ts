// Strings of the window itself, outside any feature (the sidebar's Settings button).
import { defineMessages } from '../i18n/define-messages';

export const appMessages = defineMessages({ settings: 'Settings' }, { zh: { settings: '设置' } });
