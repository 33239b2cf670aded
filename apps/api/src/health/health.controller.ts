import { Controller, Get, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Public } from '#libs/common';
import { Db } from '#libs/database';

@Controller('health')
export class HealthController {
  constructor(private readonly db: Db) {}

  /** 200 {"status":"ok"} when the database answers within 2 s, 503 otherwise. */
  @Public()
  @Get()
  async health(@Res() res: Response): Promise<void> {
    const ok = await this.db.healthy(2000);
    res
      .status(ok ? 200 : 503)
      .set('Cache-Control', 'no-store')
      .json({ status: ok ? 'ok' : 'unavailable' });
  }
}
