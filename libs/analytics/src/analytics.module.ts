import { type DynamicModule, Module } from '@nestjs/common';
import { AnalyticsResolver } from './analytics.resolver.js';
import { AnalyticsService } from './analytics.service.js';
import { DEFAULT_DISCLOSURE_RULES, type DisclosureRules } from './disclosure/disclosure.js';
import { DISCLOSURE_RULES } from './disclosure/disclosure-rules.token.js';

/** Commissioner analytics. The app passes in the disclosure settings (DISCLOSURE_THRESHOLD/ROUNDING). */
@Module({})
export class AnalyticsModule {
  static forRoot(rules: DisclosureRules = DEFAULT_DISCLOSURE_RULES): DynamicModule {
    return {
      module: AnalyticsModule,
      providers: [{ provide: DISCLOSURE_RULES, useValue: rules }, AnalyticsService, AnalyticsResolver],
      exports: [AnalyticsService],
    };
  }
}
