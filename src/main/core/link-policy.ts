// Which links from (untrusted) model output may leave the app: http, https and mailto only.
export function externalLink(raw: string): URL | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol === 'mailto:') return url;
  if ((url.protocol === 'http:' || url.protocol === 'https:') && url.hostname && !url.username && !url.password) {
    return url;
  }
  return null;
}
