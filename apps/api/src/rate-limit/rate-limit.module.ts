import { DynamicModule, Module } from '@nestjs/common';
import type { Logger } from 'pino';
import type { AppConfig } from '../config.js';
import { createRateLimiter } from './create-rate-limiter.js';
import { RateLimiter } from './rate-limiter.js';

/** Provides the one RateLimiter (global: the GraphQL options and the HTTP middleware use it). */
@Module({})
export class RateLimitModule {
  static forRoot(config: AppConfig, logger: Logger): DynamicModule {
    return {
      module: RateLimitModule,
      global: true,
      providers: [{ provide: RateLimiter, useFactory: () => createRateLimiter(config, logger) }],
      exports: [RateLimiter],
    };
  }
}
