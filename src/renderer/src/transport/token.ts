const KEY = 'porthole.token';

/** The token this page took, kept in memory too: storage may refuse it. */
let taken: string | null = null;

/**
 * The browser host's per-launch token arrives in the address's fragment. It is read once, kept
 * for this tab only (sessionStorage survives a reload, not a new tab), and wiped from the address
 * bar so it is not left on screen, in screenshots or in the browser's history.
 */
export function takeLaunchToken(): string {
  const fromHash = new URLSearchParams(window.location.hash.slice(1)).get('token');
  if (fromHash) {
    taken = fromHash;
    try {
      sessionStorage.setItem(KEY, fromHash);
    } catch {
      // Storage refused (private mode, quota): the token still works until the page reloads.
    }
    const { pathname, search } = window.location;
    window.history.replaceState(window.history.state, '', `${pathname}${search}`);
    return fromHash;
  }
  taken = stored();
  return taken;
}

/**
 * The token the WebSocket was opened with, for the page's other requests to this host (a
 * download's form). Reads only: the address bar is takeLaunchToken's to touch.
 */
export function launchToken(): string {
  return taken ?? stored();
}

function stored(): string {
  try {
    return sessionStorage.getItem(KEY) ?? '';
  } catch {
    return '';
  }
}
