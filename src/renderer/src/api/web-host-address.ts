// Where the web host's socket lives and which token opens it. The token arrives once in the page
// URL; it moves to sessionStorage and leaves the address bar (and history) so it is not shared by
// copying the URL, while a reload still finds it.
const TOKEN_KEY = 'runnel.token';

export function takeToken(location: Location, history: History, storage: Storage): string {
  const url = new URL(location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    storage.setItem(TOKEN_KEY, fromUrl);
    url.searchParams.delete('token');
    history.replaceState(history.state, '', `${url.pathname}${url.search}${url.hash}`);
    return fromUrl;
  }
  return storage.getItem(TOKEN_KEY) ?? '';
}

export function socketUrl(location: Pick<Location, 'protocol' | 'host'>, token: string): string {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${location.host}/api?token=${encodeURIComponent(token)}`;
}
