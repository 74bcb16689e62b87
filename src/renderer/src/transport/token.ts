const KEY = 'porthole.token';

/**
 * The browser host's per-launch token arrives in the address's fragment. It is read once, kept
 * for this tab only (sessionStorage survives a reload, not a new tab), and wiped from the address
 * bar so it is not left on screen, in screenshots or in the browser's history.
 */
export function takeLaunchToken(): string {
  const fromHash = new URLSearchParams(window.location.hash.slice(1)).get('token');
  if (fromHash) {
    try {
      sessionStorage.setItem(KEY, fromHash);
    } catch {
      // Storage refused (private mode, quota): the token still works until the page reloads.
    }
    const { pathname, search } = window.location;
    window.history.replaceState(window.history.state, '', `${pathname}${search}`);
    return fromHash;
  }
  try {
    return sessionStorage.getItem(KEY) ?? '';
  } catch {
    return '';
  }
}
