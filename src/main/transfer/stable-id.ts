// Ids for imported records that come out the same on every import of the same file, so a second
// import finds what the first one wrote instead of adding it again.
import { createHash } from 'node:crypto';

/** A UUID-shaped id from a name (SHA-256 based, version nibble 5 as in RFC 9562's name-based ids). */
export function stableId(...name: string[]): string {
  const hash = createHash('sha256').update(name.join('\u0000')).digest('hex');
  const variant = ((parseInt(hash.slice(16, 17), 16) & 0x3) | 0x8).toString(16);
  return `${hash.slice(0, 8)}-${hash.slice(8, 12)}-5${hash.slice(13, 16)}-${variant}${hash.slice(17, 20)}-${hash.slice(20, 32)}`;
}
