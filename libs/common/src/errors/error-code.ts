/** Every error code a client can receive (CONTRACT.md section 2). One enum, mapped once at the GraphQL boundary. */
export enum ErrorCode {
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  NOT_FOUND = 'NOT_FOUND',
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  CONFLICT = 'CONFLICT',
  INVALID_TRANSITION = 'INVALID_TRANSITION',
  CONSENT_REQUIRED = 'CONSENT_REQUIRED',
  SERVICE_CLOSED = 'SERVICE_CLOSED',
  RATE_LIMITED = 'RATE_LIMITED',
  QUERY_TOO_COMPLEX = 'QUERY_TOO_COMPLEX',
  INTERNAL_SERVER_ERROR = 'INTERNAL_SERVER_ERROR',
  // Apollo's own codes, passed through unchanged (CONTRACT.md section 2 lists these three only).
  GRAPHQL_PARSE_FAILED = 'GRAPHQL_PARSE_FAILED',
  GRAPHQL_VALIDATION_FAILED = 'GRAPHQL_VALIDATION_FAILED',
  BAD_REQUEST = 'BAD_REQUEST',
}

export const CLIENT_ERROR_CODES: ReadonlySet<string> = new Set(Object.values(ErrorCode));

/** Default, actionable messages. Callers may give a more specific one. */
export const DEFAULT_MESSAGES: Record<ErrorCode, string> = {
  UNAUTHENTICATED: 'You need to sign in: the token is missing, invalid or expired.',
  FORBIDDEN: 'You are not allowed to do this.',
  NOT_FOUND: 'Not found.',
  BAD_USER_INPUT: 'The input is not valid.',
  CONFLICT: 'This conflicts with the current state of the record; reload it and try again.',
  INVALID_TRANSITION: 'This status change is not allowed from the current status.',
  CONSENT_REQUIRED:
    'The person has not given consent to share their details with the receiving organisation.',
  SERVICE_CLOSED: 'This service is closed to new referrals.',
  RATE_LIMITED: 'Too many requests; try again later.',
  QUERY_TOO_COMPLEX: 'The query is too complex.',
  INTERNAL_SERVER_ERROR: 'Something went wrong on our side. Quote the request id if you report it.',
  GRAPHQL_PARSE_FAILED: 'The query could not be parsed.',
  GRAPHQL_VALIDATION_FAILED: 'The query does not fit the schema.',
  BAD_REQUEST: 'The request is malformed.',
};
