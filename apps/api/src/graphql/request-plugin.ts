import { GraphQLError } from 'graphql';
import type { ApolloServerPlugin, GraphQLRequestContext } from '@apollo/server';
import type { Logger } from 'pino';
import { ErrorCode, type GqlContext } from '#libs/common';
import { INTERNAL_MARK, isClientMistake } from './format-error.js';
import { fieldOfVariable, VARIABLE_MARK, type VariableTarget } from './variable-field.js';
import { onlyTooComplex } from './limits/query-limits.js';
import { scrub } from '../logging.js';

/**
 * The errors with only the first of the unexpected ones (INTERNAL_SERVER_ERROR): they all say the
 * same (the message and the request id), and a database away can fail hundreds of fields at once.
 */
export function oneInternalError<T extends { extensions?: Record<string, unknown> }>(
  errors: readonly T[],
): T[] {
  let internal = false;
  return errors.filter((e) => {
    if (!e.extensions?.[INTERNAL_MARK]) return true;
    if (internal) return false;
    internal = true;
    return true;
  });
}

/**
 * Per request: names the operation and staff member for the access log, logs unexpected errors
 * with the request id (server-side only), and gives clients that request id instead.
 */
export function requestPlugin(logger: Logger): ApolloServerPlugin<GqlContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation(rc: GraphQLRequestContext<GqlContext>) {
          const req = rc.contextValue.req as Record<string, unknown>;
          req.gqlOperation = rc.operationName ?? rc.operation?.operation ?? null;
        },
        async didEncounterErrors(rc) {
          const requestId = rc.contextValue.ctx.requestId;
          // One line per distinct failure, with how often it happened: with its database away, one
          // request can fail in hundreds of fields, each with the same error and stack.
          const logged = new Map<string, { line: Record<string, unknown>; times: number }>();
          for (const err of rc.errors) {
            const original = (err.originalError ?? err) as Error & { extensions?: Record<string, unknown> };
            const code =
              (err.extensions?.code as string | undefined) ??
              (original.extensions?.code as string | undefined);
            const expected =
              (code !== undefined &&
                code !== ErrorCode.INTERNAL_SERVER_ERROR &&
                original instanceof GraphQLError) ||
              isClientMistake(err);
            if (expected) continue;
            const pgCode = (original as { code?: unknown }).code;
            const key = `${original.name}|${String(pgCode)}|${original.message}`;
            const seen = logged.get(key);
            if (seen) seen.times++;
            else
              logged.set(key, {
                times: 1,
                line: {
                  requestId,
                  err: {
                    name: original.name,
                    code: pgCode,
                    message: scrub(original.message),
                    stack: scrub(original.stack),
                  },
                  path: err.path,
                },
              });
          }
          for (const { line, times } of logged.values())
            logger.error(
              times > 1 ? { ...line, times } : line,
              'unexpected error while serving a GraphQL request',
            );
        },
        async willSendResponse(rc) {
          const req = rc.contextValue.req as Record<string, unknown>;
          const actor = rc.contextValue.ctx.isSignedIn ? rc.contextValue.ctx.actor : null;
          req.staffId = actor?.staffId;
          const body = rc.response.body;
          if (body.kind !== 'single' || !body.singleResult.errors) return;
          const errors = onlyTooComplex(body.singleResult.errors);
          // An answer refused as too large while executing (list-budget.ts) is refused whole.
          if (
            body.singleResult.data !== undefined &&
            errors.length === 1 &&
            errors[0].extensions?.code === ErrorCode.QUERY_TOO_COMPLEX
          )
            body.singleResult.data = null;
          body.singleResult.errors = oneInternalError(errors).map((e) => {
            const target = e.extensions?.[VARIABLE_MARK] as VariableTarget | undefined;
            if (target) {
              const { [VARIABLE_MARK]: _mark, ...extensions } = e.extensions!;
              const field = rc.document
                ? fieldOfVariable(rc.document, rc.request.operationName, target)
                : null;
              return { ...e, extensions: field ? { ...extensions, field } : extensions };
            }
            if (!e.extensions?.[INTERNAL_MARK]) return e;
            return {
              ...e,
              extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR, requestId: rc.contextValue.ctx.requestId },
            };
          });
        },
      };
    },
  };
}
