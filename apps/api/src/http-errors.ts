import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import { ErrorCode } from '#libs/common';

/** Messages for body-parser failures, by the HTTP status it gives them. */
const MESSAGES: Record<number, string> = {
  400: 'The request body could not be read: send valid JSON.',
  413: 'The request body is too large (the limit is 1 MB).',
  415: 'The request body has an unsupported content type or encoding.',
};

/**
 * Express error handler for failures before GraphQL sees the request (body too large, malformed
 * JSON): a GraphQL-shaped BAD_REQUEST error with a plain message — never a stack or a library name.
 */
export function httpErrorHandler(logger: Logger) {
  return (err: unknown, req: Request, res: Response, next: NextFunction): void => {
    if (res.headersSent) return next(err);
    const e = err as { status?: number; statusCode?: number; type?: string };
    const status = e.status ?? e.statusCode ?? 500;
    const known = status >= 400 && status < 500;
    if (!known) {
      logger.error(
        { requestId: req.id, err: { name: (err as Error)?.name } },
        'request failed before GraphQL',
      );
    }
    res.status(known ? status : 500).json({
      errors: [
        {
          message:
            MESSAGES[status] ?? (known ? 'The request is malformed.' : 'Something went wrong on our side.'),
          extensions: { code: known ? ErrorCode.BAD_REQUEST : ErrorCode.INTERNAL_SERVER_ERROR },
        },
      ],
    });
  };
}
