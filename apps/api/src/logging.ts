import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { NextFunction } from 'express';
import pino, { type Logger } from 'pino';
import { type Options as PinoHttpOptions, pinoHttp } from 'pino-http';

const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

/** Paths that must never reach a log line (tokens, passwords, personal data). */
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  '*.password',
  '*.token',
  '*.email',
  '*.nhsNumber',
  '*.phone',
  '*.givenName',
  '*.familyName',
];

const SCRUB: [RegExp, string][] = [
  [/\bv1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/g, '[token]'],
  [/\bBearer\s+\S+/gi, 'Bearer [token]'],
  [/[^\s"'<>(),;:@/]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g, '[email]'],
  [/postgres(?:ql)?:\/\/[^\s"']+/gi, '[database url]'],
  // NHS numbers, phone numbers and other long digit runs (spaces allowed between groups).
  [/\+?\d[\d ()-]{5,}\d/g, '[number]'],
  // Values PostgreSQL and GraphQL quote in their messages (`invalid input syntax …: "Jane"`).
  [/"[^"\n]*"/g, '"[value]"'],
];

/**
 * Text of an unexpected error made safe for the log: tokens, emails, database URLs, long numbers
 * and quoted values (where drivers put the data they choked on) are replaced.
 */
export function scrub(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  let out = text;
  for (const [re, by] of SCRUB) out = out.replace(re, by);
  return out;
}

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'pathways' },
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}

/** The request id: the caller's X-Request-Id when well-formed, otherwise a new one; echoed back. */
function requestId(req: IncomingMessage, res: ServerResponse): string {
  const given = req.headers['x-request-id'];
  const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
  res.setHeader('x-request-id', id);
  return id;
}

/** One JSON line per request: request id, method, path (no query string), status, duration, operation, staff id. */
export function httpLoggerOptions(logger: Logger): PinoHttpOptions {
  return {
    logger,
    genReqId: requestId,
    autoLogging: { ignore: (req: IncomingMessage) => req.url === '/health' },
    customProps: (req: IncomingMessage) => {
      const r = req as IncomingMessage & { gqlOperation?: string; staffId?: string };
      return { operation: r.gqlOperation, staffId: r.staffId };
    },
    serializers: {
      req: (req: { id: unknown; method: string; url: string }) => ({
        id: req.id,
        method: req.method,
        path: String(req.url ?? '').split('?')[0],
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
    customSuccessMessage: () => 'request completed',
    customErrorMessage: () => 'request failed',
  };
}

/**
 * The access log as Express middleware. Every request gets its id (req.id, X-Request-Id); the
 * per-request logging work is done only when request lines are written at all (level info or
 * finer), so a server logging at warn pays nothing for it.
 */
export function accessLog(logger: Logger) {
  if (logger.isLevelEnabled('info')) return pinoHttp(httpLoggerOptions(logger));
  return (req: IncomingMessage & { id?: unknown }, res: ServerResponse, next: NextFunction): void => {
    req.id = requestId(req, res);
    next();
  };
}
