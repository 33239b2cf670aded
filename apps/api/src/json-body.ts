import type { IncomingMessage } from 'node:http';

/** Request bodies over this many bytes are refused with 413 (CONTRACT.md section 6: 1 MB). */
export const BODY_LIMIT_BYTES = 1024 * 1024;

/** `application/json`, alone or with a UTF-8 charset: the bodies readJsonBody reads. */
const UTF8_JSON = /^application\/json[ \t]*(?:;[ \t]*charset[ \t]*=[ \t]*(?:utf-8|"utf-8")[ \t]*)?$/i;

/** JSON text must start with an object or an array (body-parser's strict mode). */
const FIRST_NON_WHITESPACE = /^[ \t\n\r]*([^ \t\n\r]|$)/;

/** A body that could not be read, with the HTTP status answerBodyError gives it (400 or 413). */
export class BodyReadError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'BodyReadError';
  }
}

/**
 * Whether readJsonBody can read this request's body: JSON in UTF-8, not compressed. Every other
 * body (other types and charsets, gzip) is left to Express's body parsers, which refuse or decode it.
 */
export function isUtf8Json(req: IncomingMessage): boolean {
  const type = req.headers['content-type'];
  const encoding = req.headers['content-encoding'];
  return (
    typeof type === 'string' &&
    UTF8_JSON.test(type) &&
    (encoding === undefined || /^identity$/i.test(encoding))
  );
}

/**
 * The JSON body of a request, read as Express's JSON body parser reads it: no body or an empty one
 * is `{}`; a body over `limit` bytes (declared or sent) is a 413; text that is not a JSON object or
 * array is a 400; a byte-order mark is dropped and invalid UTF-8 becomes U+FFFD. On a refusal the
 * rest of the body is read off first, so the connection can carry the answer and the next request.
 */
export function readJsonBody(req: IncomingMessage, limit = BODY_LIMIT_BYTES): Promise<unknown> {
  const declared = req.headers['content-length'];
  if (req.headers['transfer-encoding'] === undefined && declared === undefined) return Promise.resolve({});
  const length = declared === undefined ? null : Number.parseInt(declared, 10);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    const cleanup = () => {
      req.removeListener('data', onData);
      req.removeListener('end', onEnd);
      req.removeListener('error', onGone);
      req.removeListener('close', onGone);
    };
    const refuse = (status: number, message: string) => {
      cleanup();
      void drain(req).then(() => reject(new BodyReadError(status, message)));
    };
    const onData = (chunk: Buffer) => {
      received += chunk.length;
      if (received > limit) refuse(413, 'request entity too large');
      else chunks.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      if (length !== null && received !== length)
        return reject(new BodyReadError(400, 'request size did not match'));
      try {
        resolve(parseJson(Buffer.concat(chunks, received).toString('utf8')));
      } catch (e) {
        reject(e);
      }
    };
    // The client went away before the whole body came: nobody is left to answer.
    const onGone = () => {
      cleanup();
      reject(new BodyReadError(400, 'request aborted'));
    };
    if (length !== null && length > limit) return refuse(413, 'request entity too large');
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onGone);
    req.on('close', onGone);
  });
}

/** The text of a JSON body as a value: `{}` when empty; only an object or an array at the top. */
export function parseJson(text: string): unknown {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.length === 0) return {};
  if (body[0] !== '{' && body[0] !== '[') {
    const first = FIRST_NON_WHITESPACE.exec(body)?.[1];
    if (first !== '{' && first !== '[') throw new BodyReadError(400, 'not a JSON object or array');
  }
  try {
    return JSON.parse(body);
  } catch {
    throw new BodyReadError(400, 'malformed JSON');
  }
}

/** Reads off and drops the rest of a request's body; settles when it has ended or the client has gone. */
function drain(req: IncomingMessage): Promise<void> {
  if (req.complete || req.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    req.once('end', () => resolve());
    req.once('close', () => resolve());
    req.resume();
  });
}
