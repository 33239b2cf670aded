import { ArgumentsHost, Catch } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';

/**
 * Whatever was thrown, as an Error of this realm. GraphQL treats a resolver's return value as an
 * error only when it is `instanceof Error`; a thrown string, a plain object or an Error from
 * another realm (Node's socket errors under the test runner's VM) would otherwise be returned as
 * if it were data.
 */
export function asError(thrown: unknown): Error {
  if (thrown instanceof Error) return thrown;
  const like = (typeof thrown === 'object' && thrown !== null ? thrown : {}) as Record<string, unknown>;
  const e = new Error(typeof like.message === 'string' ? like.message : String(thrown));
  for (const k of ['name', 'code', 'stack', 'constraint'] as const) {
    if (typeof like[k] === 'string') (e as unknown as Record<string, unknown>)[k] = like[k];
  }
  return e;
}

/**
 * GraphQL: hands every exception from a resolver to Apollo untouched, so formatError is the single
 * place errors are mapped (and Nest does not log expected refusals as failures). HTTP routes keep
 * Nest's default handling.
 */
@Catch()
export class PassThroughGqlFilter extends BaseExceptionFilter {
  override catch(exception: unknown, host: ArgumentsHost): unknown {
    if (host.getType<string>() === 'graphql') return asError(exception);
    return super.catch(exception, host);
  }
}
