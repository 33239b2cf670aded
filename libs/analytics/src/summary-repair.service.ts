import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { Db } from '#libs/database';

export const SUMMARY_REPAIR_INTERVAL_MS = Symbol('SUMMARY_REPAIR_INTERVAL_MS');

/** One advisory lock id for "repairing the referral summary", so replicas take turns. */
const REPAIR_LOCK = 7_270_360;
/** Keys repaired per run: each is a short index scan of one service's month of referrals. */
const KEYS_PER_RUN = 200;

/**
 * Gives the referral summary's untrusted keys their people bitmaps back (migration 0060): counts
 * are always exact, but a key a referral has left (entered in error, a person's values corrected)
 * stops lending its bitmaps to the reports, which then count those people from the referrals — right
 * but slower. Every few minutes this recomputes a batch of such keys in the database. Nothing is
 * held in the process: any replica may run it, one at a time (advisory lock), and a missed run
 * only leaves the reports a little slower.
 */
@Injectable()
export class SummaryRepairService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('SummaryRepairService');
  private timer: NodeJS.Timeout | undefined;
  private running = false;

  constructor(
    private readonly db: Db,
    @Inject(SUMMARY_REPAIR_INTERVAL_MS) private readonly intervalMs: number,
  ) {}

  onApplicationBootstrap(): void {
    if (this.intervalMs <= 0) return;
    this.timer = setInterval(() => void this.repairOnce(), this.intervalMs);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** Repairs up to `maxKeys` untrusted keys; returns how many (0 when another replica is at it). */
  async repairOnce(maxKeys = KEYS_PER_RUN): Promise<number> {
    if (this.running) return 0;
    this.running = true;
    try {
      return await this.db.transaction(async (tx) => {
        const [{ locked }] = await tx.query<{ locked: boolean }>(
          `SELECT pg_try_advisory_xact_lock($1) AS locked`,
          [REPAIR_LOCK],
        );
        if (!locked) return 0;
        const [{ repaired }] = await tx.query<{ repaired: number }>(
          `SELECT analytics_repair_referral_group_bits($1) AS repaired`,
          [maxKeys],
        );
        return repaired;
      });
    } catch (e) {
      this.logger.warn(`could not repair the referral summary's people bitmaps: ${(e as Error).message}`);
      return 0;
    } finally {
      this.running = false;
    }
  }
}
