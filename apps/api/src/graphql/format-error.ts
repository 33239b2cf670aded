import { HttpException } from '@nestjs/common';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { AppError, CLIENT_ERROR_CODES, DEFAULT_MESSAGES, ErrorCode } from '#libs/common';
import { isConnectionError } from '#libs/database';
import { VARIABLE_MARK, type VariableTarget, withoutListPositions } from './variable-field.js';
import { isTokenLimitError, isValidationAborted, QUERY_LIMITS, tooComplex } from './limits/query-limits.js';

// Apollo's own codes that come with a safe message (syntax, schema validation, variable coercion).
const APOLLO_PASS_THROUGH = new Set<string>([
  ErrorCode.GRAPHQL_PARSE_FAILED,
  ErrorCode.GRAPHQL_VALIDATION_FAILED,
  ErrorCode.BAD_USER_INPUT,
  ErrorCode.BAD_REQUEST,
  ErrorCode.QUERY_TOO_COMPLEX,
]);

/**
 * Apollo's request-level codes that the contract does not list (CONTRACT.md section 2: every code is
 * one of its own): a request that names no operation, or one the document does not have, or sends a
 * persisted-query hash instead of the query, is a malformed request, BAD_REQUEST, with Apollo's message.
 */
const SEND_THE_QUERY = 'Persisted queries are not supported: send the query text.';
const APOLLO_BAD_REQUEST: Readonly<Record<string, string | null>> = {
  OPERATION_RESOLUTION_FAILURE: null,
  PERSISTED_QUERY_NOT_SUPPORTED: SEND_THE_QUERY,
  PERSISTED_QUERY_NOT_FOUND: SEND_THE_QUERY,
};

/** The error a resolver (or Apollo) actually threw, under any GraphQLError wrappers. */
function unwrap(error: unknown): unknown {
  let cur = error;
  while (cur instanceof GraphQLError && !(cur instanceof AppError) && cur.originalError)
    cur = cur.originalError;
  return cur;
}

/** graphql-js gives up coercing the variables after 50 errors, and says so without a code. */
const TOO_MANY_VARIABLE_ERRORS = /^Too many errors processing variables/;
export const TOO_MANY_VARIABLE_ERRORS_MESSAGE =
  'Too many invalid values in the variables; correct the ones named in the errors before this one.';

/** A document nested so deeply (e.g. [[[…]]] thousands of levels) that parsing it ran out of stack. */
function isStackOverflow(e: unknown): boolean {
  return e instanceof RangeError && /call stack/i.test(e.message);
}

/**
 * Failures that are the client's, though graphql-js reports them without a code of ours: they are
 * answered as BAD_USER_INPUT or QUERY_TOO_COMPLEX (formatError) and not logged as unexpected.
 */
export function isClientMistake(error: unknown): boolean {
  const original = unwrap(error);
  return (
    isStackOverflow(original) ||
    (original instanceof GraphQLError && TOO_MANY_VARIABLE_ERRORS.test(original.message))
  );
}

/** The message when the database cannot be reached or is saturated (still INTERNAL_SERVER_ERROR + requestId). */
export const DATABASE_UNAVAILABLE =
  'The service is temporarily unavailable (its database is not answering); try again in a moment. Quote the request id if this persists.';

/** Database gone, refusing connections, or no connection free in time; or a statement cancelled by its timeout. */
function isUnavailable(e: unknown): boolean {
  return isConnectionError(e) || (e instanceof Error && (e as { code?: string }).code === '57014');
}

/**
 * PostgreSQL cannot store a NUL character (or text it cannot encode) and refuses the statement:
 * that is the client's input, not our failure, whichever resolver let it through.
 */
const UNSTORABLE_TEXT = 'Text must not contain NUL (\\u0000) characters.';
function isUnstorableText(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return e instanceof Error && !(e instanceof GraphQLError) && (code === '22021' || code === '22P05');
}

const INTROSPECTION_OFF = /^GraphQL introspection is not allowed/;
export const INTROSPECTION_OFF_MESSAGE =
  'Introspection is off in production (NODE_ENV=production); the operator can turn it on with GRAPHQL_INTROSPECTION=true.';

/** Marks an error the client must see only as INTERNAL_SERVER_ERROR; the request id is added per request. */
export const INTERNAL_MARK = 'pathways:internal';

const INVALID_AT = /^Variable "\$([^"]+)" has an invalid value(?: at "([^"]*)")?: ([\s\S]*)$/;
/** The input field a reason names within the value at its path (missing, or not in the input type). */
const NAMED_IN_REASON =
  /^Field "([^"]+)" (?:of required type "[^"]*" was not provided|is not defined by type "[^"]*")/;

/**
 * The input field a variable coercion error is about, from its message as withoutEchoedValue
 * words it: `… at "input.postcode": …` → "postcode"; a field missing from, or unknown to, the
 * value at that path → that field (`… at "input.equality": Field "disability" of required type …
 * was not provided` → "equality.disability"; with no path, just "disability"); otherwise the
 * variable's name.
 */
export function fieldFromCoercionMessage(message: string): string | undefined {
  const target = coercionTarget(message);
  return target ? withoutListPositions(target.path.join('.')) || target.variable : undefined;
}

/** The variable a coercion error is about, and the path inside its value (see fieldFromCoercionMessage). */
export function coercionTarget(message: string): VariableTarget | undefined {
  const invalid = INVALID_AT.exec(message);
  if (invalid) {
    const [, variable, at, reason] = invalid;
    const path = at ? at.split('.').slice(1) : [];
    const named = NAMED_IN_REASON.exec(reason);
    if (named) path.push(named[1]);
    return { variable, path };
  }
  const v = /^Variable "\$([^"]+)"/.exec(message);
  return v ? { variable: v[1], path: [] } : undefined;
}

const COERCION_START = /^Variable "\$([^"]+)" got invalid value /;
const MAX_REASON = 300;

/**
 * graphql-js echoes the whole rejected variable value in its message — possibly a name, an NHS
 * number or a password, possibly megabytes. Say where and why instead, without the value. The
 * echoed value is skipped by reading it as graphql-js prints it (strings JSON-quoted), up to the
 * first `; ` or ` at "` outside a string.
 */
export function withoutEchoedValue(message: string): string {
  const m = COERCION_START.exec(message);
  if (!m) return message;
  let i = m[0].length;
  let inString = false;
  for (; i < message.length; i++) {
    const c = message[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (message.startsWith('; ', i) || message.startsWith(' at "', i)) break;
  }
  const rest = message.slice(i);
  const at = /^ at "([^"]*)"; /.exec(rest);
  const reason = at ? rest.slice(at[0].length) : rest.replace(/^; /, '');
  const why = reason.length > MAX_REASON ? `${reason.slice(0, MAX_REASON)}…` : reason;
  return `Variable "$${m[1]}" has an invalid value${at ? ` at "${at[1]}"` : ''}: ${why}`;
}

function fromHttpException(e: HttpException): AppError | null {
  const status = e.getStatus();
  if (status === 401) return new AppError(ErrorCode.UNAUTHENTICATED);
  if (status === 403) return new AppError(ErrorCode.FORBIDDEN);
  if (status === 404) return new AppError(ErrorCode.NOT_FOUND);
  if (status === 429) return AppError.rateLimited(60);
  if (status === 400 || status === 413) return new AppError(ErrorCode.BAD_USER_INPUT, e.message);
  return null;
}

/** QUERY_TOO_COMPLEX for a failure graphql-js reports in its own words (`detail` says what to change). */
function tooComplexAnswer(base: GraphQLFormattedError, detail: string): GraphQLFormattedError {
  const e = tooComplex(detail);
  return { ...base, message: e.message, extensions: { code: e.code } };
}

/**
 * The one place errors are mapped for clients: AppErrors and Apollo's standard errors pass with
 * their code; everything else becomes INTERNAL_SERVER_ERROR with no detail (logged server-side).
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = unwrap(error);
  const base = { message: formatted.message, locations: formatted.locations, path: formatted.path };

  if (original instanceof AppError) {
    // `http` is for Apollo (the response's status and headers, see withHttpStatus), not the client.
    const { stacktrace: _s, http: _h, ...ext } = (original.extensions ?? {}) as Record<string, unknown>;
    return { ...base, message: original.message, extensions: { ...ext, code: original.code } };
  }
  if (isUnstorableText(original)) {
    return { ...base, message: UNSTORABLE_TEXT, extensions: { code: ErrorCode.BAD_USER_INPUT } };
  }
  if (isTokenLimitError(original)) {
    return tooComplexAnswer(base, `more than ${QUERY_LIMITS.maxTokens} tokens.`);
  }
  if (isStackOverflow(original)) {
    return tooComplexAnswer(base, 'the document is nested too deeply.');
  }
  if (original instanceof GraphQLError && TOO_MANY_VARIABLE_ERRORS.test(original.message)) {
    return {
      ...base,
      message: TOO_MANY_VARIABLE_ERRORS_MESSAGE,
      extensions: { code: ErrorCode.BAD_USER_INPUT },
    };
  }
  if (isValidationAborted(original)) {
    return tooComplexAnswer(base, 'too many fields to check; ask for each field once in each selection.');
  }
  if (original instanceof HttpException) {
    const mapped = fromHttpException(original);
    if (mapped) return { ...base, message: mapped.message, extensions: { ...mapped.extensions } };
  }
  const code = formatted.extensions?.code;
  if (
    typeof code === 'string' &&
    Object.hasOwn(APOLLO_BAD_REQUEST, code) &&
    original instanceof GraphQLError
  ) {
    return {
      ...base,
      message: APOLLO_BAD_REQUEST[code] ?? formatted.message,
      extensions: { code: ErrorCode.BAD_REQUEST },
    };
  }
  if (code === 'GRAPHQL_VALIDATION_FAILED' && INTROSPECTION_OFF.test(formatted.message)) {
    // Apollo's own words tell a developer to change ApolloServer's options; say what the operator sets.
    return { ...base, message: INTROSPECTION_OFF_MESSAGE, extensions: { code } };
  }
  if (typeof code === 'string' && APOLLO_PASS_THROUGH.has(code) && original instanceof GraphQLError) {
    const extensions: Record<string, unknown> = { code };
    for (const [k, v] of Object.entries(formatted.extensions ?? {})) {
      if (k !== 'stacktrace' && k !== 'exception' && k !== 'code') extensions[k] = v;
    }
    const message =
      code === ErrorCode.BAD_USER_INPUT ? withoutEchoedValue(formatted.message) : formatted.message;
    if (code === ErrorCode.BAD_USER_INPUT && extensions.field === undefined) {
      const target = coercionTarget(message);
      if (target) {
        extensions.field = withoutListPositions(target.path.join('.')) || target.variable;
        // The request plugin, which has the document, names the input field the variable stands for.
        extensions[VARIABLE_MARK] = target;
      }
    }
    return { ...base, message, extensions };
  }
  if (
    typeof code === 'string' &&
    CLIENT_ERROR_CODES.has(code) &&
    code !== ErrorCode.INTERNAL_SERVER_ERROR &&
    original instanceof GraphQLError
  ) {
    return { ...base, extensions: { code } };
  }
  return {
    message: isUnavailable(original) ? DATABASE_UNAVAILABLE : DEFAULT_MESSAGES.INTERNAL_SERVER_ERROR,
    locations: formatted.locations,
    path: formatted.path,
    extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR, [INTERNAL_MARK]: true },
  };
}
