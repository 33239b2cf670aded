import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, DiscoveryModule, DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import type { Logger } from 'pino';
import { AnalyticsModule } from '#libs/analytics';
import { AuditModule, AuditService } from '#libs/audit';
import { AuthModule, Authenticator, type RootFieldAccess, rootFieldAccess } from '#libs/auth';
import { DatabaseModule, Db } from '#libs/database';
import { DirectoryModule } from '#libs/directory';
import { PeopleModule } from '#libs/people';
import { ReferralRelations, ReferralsModule } from '#libs/referrals';
import { OutcomesModule } from '#libs/outcomes';
import { JourneysModule } from '#libs/journeys';
import { AuditEventsResolver } from './audit/audit-events.resolver.js';
import { APP_CONFIG } from './app-config.token.js';
import type { AppConfig } from './config.js';
import { accessBeforeVariablesPlugin } from './graphql/access-before-variables.js';
import { graphqlOptions } from './graphql/graphql.options.js';
import { PassThroughGqlFilter } from './graphql/pass-through.filter.js';
import { HealthController } from './health/health.controller.js';
import { RateLimitModule } from './rate-limit/rate-limit.module.js';
import { RateLimiter } from './rate-limit/rate-limiter.js';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, db: Db, logger: Logger): DynamicModule {
    return {
      module: AppModule,
      imports: [
        DatabaseModule.forRoot(db),
        AuditModule,
        AuthModule.forRoot({ secret: config.authSecret }),
        RateLimitModule.forRoot(config, logger),
        GraphQLModule.forRootAsync<ApolloDriverConfig>({
          driver: ApolloDriver,
          imports: [ReferralsModule, DiscoveryModule, AuditModule],
          inject: [
            Authenticator,
            RateLimiter,
            ReferralRelations,
            DiscoveryService,
            MetadataScanner,
            Reflector,
            AuditService,
            Db,
          ],
          useFactory: (
            auth: Authenticator,
            limiter: RateLimiter,
            referrals: ReferralRelations,
            discovery: DiscoveryService,
            scanner: MetadataScanner,
            reflector: Reflector,
            audit: AuditService,
            db: Db,
          ) => {
            // Read on first use: every resolver is known by then.
            let access: Map<string, RootFieldAccess> | undefined;
            const rules = () => (access ??= rootFieldAccess(discovery, scanner, reflector));
            return graphqlOptions(
              config,
              auth,
              logger,
              limiter,
              referrals.resolvers(),
              accessBeforeVariablesPlugin(rules, audit, db),
            );
          },
        }),
        DirectoryModule,
        PeopleModule,
        ReferralsModule,
        OutcomesModule,
        JourneysModule,
        AnalyticsModule.forRoot(
          { threshold: config.disclosureThreshold, rounding: config.disclosureRounding },
          config.analyticsRepairIntervalSeconds * 1000,
        ),
      ],
      controllers: [HealthController],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: APP_FILTER, useClass: PassThroughGqlFilter },
        AuditEventsResolver,
      ],
      exports: [APP_CONFIG],
    };
  }
}
