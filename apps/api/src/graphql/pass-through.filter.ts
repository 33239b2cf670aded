import { ArgumentsHost, Catch } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';

/**
 * GraphQL: hands every exception from a resolver to Apollo untouched, so formatError is the single
 * place errors are mapped (and Nest does not log expected refusals as failures). HTTP routes keep
 * Nest's default handling.
 */
@Catch()
export class PassThroughGqlFilter extends BaseExceptionFilter {
  override catch(exception: unknown, host: ArgumentsHost): unknown {
    if (host.getType<string>() === 'graphql') return exception;
    return super.catch(exception, host);
  }
}
