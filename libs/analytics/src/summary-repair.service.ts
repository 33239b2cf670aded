import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { Db, type Queryable } from '#libs/database';

export const SUMMARY_REPAIR_INTERVAL_MS = Symbol('SUMMARY_REPAIR_INTERVAL_MS');

/** One advisory lock id for "repairing the referral summary", so replicas take turns. */
const REPAIR_LOCK = 7_270_360;
/** Keys repaired per run: each is a short index scan of one service's month of referrals. */
const KEYS_PER_RUN = 200;
/**
 * Keys repaired in one transaction: a writer that needs a key the repair has done waits for the
 * repair's commit (the repair never waits for a writer: migration 0072), so commit often.
 */
const KEYS_PER_TRANSACTION = 20;

/**
 * Removes the summary rows that count nothing: a referral leaving a group (a person's ward
 * corrected, a referral entered in error) takes its counts from a row and leaves it at zero, and
 * every correction left more of them for the reports to read (a person corrected a hundred times
 * left hundreds). Only trusted rows go: an untrusted row carries its key's mark until the repair
 * has run, and a repaired key's rows all hold the key's whole bitmap. Rows a writer holds are
 * skipped (next time), so this never waits for, or blocks, a request.
 */
async function pruneEmptyRows(tx: Queryable): Promise<void> {
  await tx.query(
    `DELETE FROM analytics_referral_groups g
      USING (SELECT ctid FROM analytics_referral_groups
              WHERE referred = 0 AND accepted = 0 AND started = 0 AND completed = 0 AND bits_valid
                FOR UPDATE SKIP LOCKED) z
      WHERE g.ctid = z.ctid`,
  );
  await tx.query(
    `DELETE FROM analytics_flow_accept_days d
      USING (SELECT ctid FROM analytics_flow_accept_days WHERE accepted = 0 FOR UPDATE SKIP LOCKED) z
      WHERE d.ctid = z.ctid`,
  );
}

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

  /**
   * Repairs up to `maxKeys` untrusted keys, a few per transaction; returns how many (0 when another
   * replica is at it). Keys a writer holds are left for the next run.
   */
  async repairOnce(maxKeys = KEYS_PER_RUN): Promise<number> {
    if (this.running) return 0;
    this.running = true;
    let total = 0;
    try {
      for (;;) {
        const batch = Math.min(KEYS_PER_TRANSACTION, maxKeys - total);
        const repaired = await this.db.transaction(async (tx) => {
          const [{ locked }] = await tx.query<{ locked: boolean }>(
            `SELECT pg_try_advisory_xact_lock($1) AS locked`,
            [REPAIR_LOCK],
          );
          if (!locked) return null;
          const [{ repaired }] = await tx.query<{ repaired: number }>(
            `SELECT analytics_repair_referral_group_bits($1) AS repaired`,
            [batch],
          );
          return repaired;
        });
        if (repaired === null) return total;
        total += repaired;
        // Fewer than asked for: none left, or the rest are held by writers (the next run's).
        if (repaired < batch || total >= maxKeys) break;
      }
      await this.db.transaction(pruneEmptyRows);
      return total;
    } catch (e) {
      this.logger.warn(`could not repair the referral summary's people bitmaps: ${(e as Error).message}`);
      return total;
    } finally {
      this.running = false;
    }
  }
}
