import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AUTH_OPTIONS, type AuthOptions } from './auth-options.js';
import { AuthGuard } from './auth.guard.js';
import { Authenticator } from './authenticator.js';
import { LoginResolver } from './login.resolver.js';
import { LoginService } from './login.service.js';

@Module({})
export class AuthModule {
  static forRoot(options: AuthOptions): DynamicModule {
    return {
      module: AuthModule,
      global: true,
      providers: [
        { provide: AUTH_OPTIONS, useValue: options },
        Authenticator,
        LoginService,
        LoginResolver,
        { provide: APP_GUARD, useClass: AuthGuard },
      ],
      exports: [Authenticator, LoginService, AUTH_OPTIONS],
    };
  }
}
