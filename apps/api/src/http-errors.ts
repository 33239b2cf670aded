import type { ServerResponse } from 'node:http';
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import { ErrorCode } from '#libs/common';

/** Messages for failures to read a request body, by the HTTP status they get. */
const MESSAGES: Record<number, string> = {
  400: 'The request body could not be read: send valid JSON.',
  413: 'The request body is too large (the limit is 1 MB).',
  415: 'The request body has an unsupported content type or encoding.',
};

/**
 * A GraphQL-shaped error answer written with Node's own response methods, so that Express's
 * pipeline and the direct one for POST /graphql (graphql-post.ts) answer alike.
 */
export function sendErrors(
  res: ServerResponse,
  status: number,
  errors: { message: string; extensions: Record<string, unknown> }[],
  headers: Record<string, string> = {},
): void {
  const body = JSON.stringify({ errors });
  res.statusCode = status;
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', Buffer.byteLength(body));
  res.end(body);
}

/**
 * The answer to a request whose body could not be read (too large, malformed JSON, unsupported
 * encoding): BAD_REQUEST with a plain message — never a stack or a library name. Anything else
 * that failed before GraphQL is logged with the request id and answered INTERNAL_SERVER_ERROR.
 */
export function answerBodyError(
  err: unknown,
  req: { id?: unknown },
  res: ServerResponse,
  logger: Logger,
): void {
  const e = err as { status?: number; statusCode?: number } | null;
  const status = e?.status ?? e?.statusCode ?? 500;
  const known = status >= 400 && status < 500;
  if (!known) {
    logger.error({ requestId: req.id, err: { name: (err as Error)?.name } }, 'request failed before GraphQL');
  }
  sendErrors(res, known ? status : 500, [
    {
      message:
        MESSAGES[status] ?? (known ? 'The request is malformed.' : 'Something went wrong on our side.'),
      extensions: { code: known ? ErrorCode.BAD_REQUEST : ErrorCode.INTERNAL_SERVER_ERROR },
    },
  ]);
}

/** answerBodyError as an Express error handler (body-parser's failures on Express's pipeline). */
export function httpErrorHandler(logger: Logger) {
  return (err: unknown, req: Request, res: Response, next: NextFunction): void => {
    if (res.headersSent) return next(err);
    answerBodyError(err, req, res, logger);
  };
}
