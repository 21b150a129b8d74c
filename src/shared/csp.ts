// The renderer's Content Security Policy. index.html carries the same policy in a meta tag (a
// test keeps them equal); the hosts also send it as a header.
export const contentSecurityPolicy = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  // blob: shows attachments from bytes the renderer holds (URL.createObjectURL); a blob: URL can
  // only name data created in this page, so remote images stay blocked.
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-src 'none'",
  "object-src 'none'",
].join('; ');
