/**
 * How long a download's frame is kept. Its request goes out at once and is answered with the
 * first rows, long before this; removing the frame sooner could cancel a request on its way.
 */
const FRAME_KEPT_MS = 120_000;

let downloads = 0;

/**
 * Downloads one of the browser host's exports: a hidden form posts the launch token to `url`, so
 * the token is in no address the browser keeps (download list, history). The form targets a
 * hidden frame of its own, not the page: a download leaves the frame as it was (the browser takes
 * it over), while a refusal (a used ticket, a deleted scan) is a short text that lands in the
 * frame, is read from there and reported, instead of replacing the window and its connection.
 */
export function postDownload(
  url: string,
  token: string,
  onRefused?: (message: string) => void,
): void {
  downloads += 1;
  const frame = document.createElement('iframe');
  frame.name = `porthole-download-${downloads}`;
  frame.hidden = true;
  document.body.append(frame);
  const timer = setTimeout(() => frame.remove(), FRAME_KEPT_MS);
  frame.addEventListener('load', () => {
    const landed = refusalIn(frame);
    // Some browsers announce the frame's first, empty page late: that is no answer yet.
    if (landed === null) return;
    clearTimeout(timer);
    frame.remove();
    onRefused?.(landed || 'the download could not start');
  });

  const form = document.createElement('form');
  form.method = 'post';
  form.action = url;
  form.target = frame.name;
  form.hidden = true;
  const field = document.createElement('input');
  field.type = 'hidden';
  field.name = 'token';
  field.value = token;
  form.append(field);
  document.body.append(form);
  form.submit();
  // The submission has its data already; the form is not needed for it to go on.
  form.remove();
}

/**
 * What a page that landed in the frame says, '' when it cannot be read (a network error page is
 * another origin), or null while the frame still holds its first, empty page.
 */
function refusalIn(frame: HTMLIFrameElement): string | null {
  try {
    const page = frame.contentDocument;
    if (!page) return '';
    if (page.URL === 'about:blank') return null;
    return (page.body?.textContent ?? '').trim();
  } catch {
    return '';
  }
}
