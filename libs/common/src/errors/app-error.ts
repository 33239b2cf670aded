import { GraphQLError } from 'graphql';
import { DEFAULT_MESSAGES, ErrorCode } from './error-code.js';

export type ErrorExtensions = Record<string, unknown>;

/**
 * The only error type services throw for expected failures. It is a GraphQLError, so Apollo
 * reports `extensions.code` as given; the boundary (formatError) turns anything else into
 * INTERNAL_SERVER_ERROR.
 */
export class AppError extends GraphQLError {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message?: string, extensions: ErrorExtensions = {}) {
    super(message ?? DEFAULT_MESSAGES[code], { extensions: { ...extensions, code } });
    this.code = code;
    this.name = 'AppError';
  }

  static unauthenticated(message?: string): AppError {
    return new AppError(ErrorCode.UNAUTHENTICATED, message);
  }
  static forbidden(message?: string): AppError {
    return new AppError(ErrorCode.FORBIDDEN, message);
  }
  static notFound(what = 'Record'): AppError {
    return new AppError(ErrorCode.NOT_FOUND, `${what} not found.`);
  }
  /** BAD_USER_INPUT naming the input field, e.g. `badInput('postcode', 'Enter a UK postcode such as HX1 5DT.')`. */
  static badInput(field: string | undefined, message: string): AppError {
    return new AppError(ErrorCode.BAD_USER_INPUT, message, field ? { field } : {});
  }
  static conflict(message?: string, extensions: ErrorExtensions = {}): AppError {
    return new AppError(ErrorCode.CONFLICT, message, extensions);
  }
  /** QUERY_TOO_COMPLEX: the answer would hold more than `limit` list items (GRAPHQL_MAX_LIST_ITEMS). */
  static tooManyListItems(limit: number): AppError {
    return new AppError(
      ErrorCode.QUERY_TOO_COMPLEX,
      `The query is too complex: the answer would hold more than ${limit.toLocaleString('en-GB')} list items; nest fewer lists.`,
    );
  }
  /**
   * QUERY_TOO_COMPLEX before it runs: a document that nests a list field in itself whose answer
   * could hold more than `limit` list items (GRAPHQL_MAX_LIST_ITEMS).
   */
  static tooManyPossibleListItems(limit: number): AppError {
    return new AppError(
      ErrorCode.QUERY_TOO_COMPLEX,
      `The query is too complex: it nests a list in itself, and its answer could hold more than ${limit.toLocaleString('en-GB')} list items; nest fewer lists.`,
    );
  }
  static rateLimited(retryAfterSeconds: number, message?: string): AppError {
    return new AppError(ErrorCode.RATE_LIMITED, message, {
      retryAfterSeconds: Math.max(1, Math.ceil(retryAfterSeconds)),
    });
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}
