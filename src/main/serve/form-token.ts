import type { IncomingMessage } from 'node:http';

/** The most of a form's body read: `token=` and a launch token fit many times over. */
export const FORM_BODY_LIMIT = 1024;

const FORM_TYPE = 'application/x-www-form-urlencoded';

/**
 * The `token` a page's form posted, or null when the request is not such a form: another
 * content type, a body over FORM_BODY_LIMIT (declared or sent), a field other than one `token`,
 * or a request that failed. Only the limit is ever held; whatever follows a refusal is read and
 * dropped, as Node does with any body a handler left unread, so the connection stays usable.
 */
export function readFormToken(req: IncomingMessage): Promise<string | null> {
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  const declared = Number(req.headers['content-length'] ?? 0);
  if (type !== FORM_TYPE || !(declared <= FORM_BODY_LIMIT)) {
    req.resume();
    return Promise.resolve(null);
  }
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (token: string | null) => {
      req.off('data', onData).off('end', onEnd).off('error', onError);
      req.resume();
      resolve(token);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > FORM_BODY_LIMIT) finish(null);
      else chunks.push(chunk);
    };
    const onEnd = () => {
      const fields = [...new URLSearchParams(Buffer.concat(chunks).toString('utf8'))];
      const [only] = fields;
      finish(fields.length === 1 && only?.[0] === 'token' ? only[1] : null);
    };
    const onError = () => finish(null);
    req.on('data', onData).on('end', onEnd).on('error', onError);
  });
}
