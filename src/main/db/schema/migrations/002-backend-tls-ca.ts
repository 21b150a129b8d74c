// Schema step 2: a backend may trust a certificate of its own (a self-signed server or a private
// CA), kept as PEM text. Certificates are public, so they live here, unlike API keys.
import type { Migration } from './migration';

export const backendTlsCa: Migration = {
  version: 2,
  name: 'backend-tls-ca',
  up: `ALTER TABLE backends ADD COLUMN tls_ca TEXT;`,
};
