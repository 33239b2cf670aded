import type { CombinedError } from 'urql';

export interface ApiError {
  code: string;
  message: string;
  field: string | null;
  allowed: string[] | null;
  retryAfterSeconds: number | null;
}

/** The first GraphQL error of a result, in the shape of CONTRACT.md section 2. */
export function apiError(error: CombinedError | undefined | null): ApiError | null {
  if (!error) return null;
  const first = error.graphQLErrors[0];
  if (!first) {
    return {
      code: 'NETWORK',
      message: 'The server could not be reached. Check your connection and try again.',
      field: null,
      allowed: null,
      retryAfterSeconds: null,
    };
  }
  const ext = (first.extensions ?? {}) as Record<string, unknown>;
  return {
    code: typeof ext.code === 'string' ? ext.code : 'INTERNAL_SERVER_ERROR',
    message: first.message,
    field: typeof ext.field === 'string' ? ext.field : null,
    allowed: Array.isArray(ext.allowed) ? (ext.allowed as string[]) : null,
    retryAfterSeconds: typeof ext.retryAfterSeconds === 'number' ? ext.retryAfterSeconds : null,
  };
}

/** Field errors keyed by the input field's name (the last part of extensions.field, e.g. "input.postcode" → "postcode"). */
export function fieldErrors(err: ApiError | null, prefix = 'input.'): Record<string, string> {
  if (!err || err.code !== 'BAD_USER_INPUT' || !err.field) return {};
  const key = err.field.startsWith(prefix) ? err.field.slice(prefix.length) : err.field;
  return { [key]: err.message };
}
