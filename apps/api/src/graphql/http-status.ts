import { HeaderMap } from '@apollo/server';
import { AppError } from '#libs/common';

/**
 * `error` with the HTTP status (and headers) Apollo should answer with. Apollo answers a refusal
 * thrown by a plugin before execution with 500 unless the error says otherwise; it reads
 * `extensions.http` and leaves it out of the response.
 */
export function withHttpStatus(
  error: AppError,
  status: number,
  headers: Record<string, string> = {},
): AppError {
  const { code: _code, ...extensions } = error.extensions;
  return new AppError(error.code, error.message, {
    ...extensions,
    http: { status, headers: new HeaderMap(Object.entries(headers)) },
  });
}
