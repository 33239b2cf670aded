import { type DynamicModule, Module } from '@nestjs/common';
import { AnalyticsResolver } from './analytics.resolver.js';
import { AnalyticsService } from './analytics.service.js';
import { DEFAULT_DISCLOSURE_RULES, type DisclosureRules } from './disclosure/disclosure.js';
import { DISCLOSURE_RULES } from './disclosure/disclosure-rules.token.js';
import { SUMMARY_REPAIR_INTERVAL_MS, SummaryRepairService } from './summary-repair.service.js';

/** Every 5 minutes by default (ANALYTICS_REPAIR_INTERVAL_SECONDS; 0 turns it off). */
export const DEFAULT_SUMMARY_REPAIR_INTERVAL_MS = 300_000;

/**
 * Commissioner analytics. The app passes in the disclosure settings (DISCLOSURE_THRESHOLD/ROUNDING)
 * and how often the referral summary's people bitmaps are repaired.
 */
@Module({})
export class AnalyticsModule {
  static forRoot(
    rules: DisclosureRules = DEFAULT_DISCLOSURE_RULES,
    repairIntervalMs = DEFAULT_SUMMARY_REPAIR_INTERVAL_MS,
  ): DynamicModule {
    return {
      module: AnalyticsModule,
      providers: [
        { provide: DISCLOSURE_RULES, useValue: rules },
        { provide: SUMMARY_REPAIR_INTERVAL_MS, useValue: repairIntervalMs },
        AnalyticsService,
        AnalyticsResolver,
        SummaryRepairService,
      ],
      exports: [AnalyticsService, SummaryRepairService],
    };
  }
}
