import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { issueToken } from '#libs/auth';
import { Role } from '#libs/common';
import { Db } from '#libs/database';
import { createApp } from '../../apps/api/src/app.factory.js';
import { type AppConfig, loadConfig } from '../../apps/api/src/config.js';
import { createLogger } from '../../apps/api/src/logging.js';
import { createTestDatabase } from './test-db.js';
import { assertNoLeak } from './leak-scan.js';
import type { DestinationStream } from 'pino';

export const TEST_SECRET = 'test-secret-for-end-to-end-tests-only';

export interface GqlResponse<T = any> {
  status: number;
  data: T | null | undefined;
  errors: { message: string; path?: string[]; extensions: Record<string, any> }[] | undefined;
  body: any;
}

export interface TestApp {
  app: NestExpressApplication;
  db: Db;
  config: AppConfig;
  url: string;
  /** POST /graphql with an optional bearer token. */
  gql<T = any>(
    query: string,
    variables?: Record<string, unknown>,
    token?: string | null,
  ): Promise<GqlResponse<T>>;
  http(): ReturnType<typeof request>;
  fixtures: Fixtures;
  close(): Promise<void>;
}

export interface StaffFixture {
  id: string;
  organisationId: string;
  role: Role;
  email: string;
  token: string;
}

export class Fixtures {
  private n = 0;
  constructor(private readonly db: Db) {}

  private next(): number {
    return ++this.n;
  }

  async organisation(
    over: Partial<{ name: string; kind: string; locallyRooted: boolean; ward: string | null }> = {},
  ) {
    const row = await this.db.one<{ id: string }>(
      `INSERT INTO organisations (name, kind, locally_rooted, ward) VALUES ($1, $2, $3, $4) RETURNING id`,
      [
        over.name ?? `Organisation ${this.next()}`,
        over.kind ?? 'CHARITY',
        over.locallyRooted ?? true,
        over.ward ?? null,
      ],
    );
    return row!.id;
  }

  async service(
    organisationId: string,
    over: Partial<{
      name: string;
      category: string;
      capacity: string;
      sensitive: boolean;
      ward: string | null;
      site: string | null;
    }> = {},
  ) {
    const row = await this.db.one<{ id: string }>(
      `INSERT INTO services (organisation_id, name, category, capacity, sensitive, ward, site)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [
        organisationId,
        over.name ?? `Service ${this.next()}`,
        over.category ?? 'FAMILY_SUPPORT',
        over.capacity ?? 'OPEN',
        over.sensitive ?? false,
        over.ward ?? null,
        over.site ?? null,
      ],
    );
    return row!.id;
  }

  /**
   * A staff member inserted directly (password hash is a placeholder: sign in through the token
   * minted here; login itself is tested with staff created through the API).
   */
  async staff(
    organisationId: string,
    role: Role,
    over: Partial<{ email: string; name: string; active: boolean; serviceIds: string[] }> = {},
  ): Promise<StaffFixture> {
    const email = over.email ?? `staff${this.next()}.${Date.now().toString(36)}@example.org`;
    const row = await this.db.one<{ id: string }>(
      `INSERT INTO staff (email, name, role, organisation_id, password_hash, active)
       VALUES ($1, $2, $3, $4, 'fixture:no-login', $5) RETURNING id`,
      [email, over.name ?? `Staff ${this.n}`, role, organisationId, over.active ?? true],
    );
    for (const sid of over.serviceIds ?? []) {
      await this.db.query('INSERT INTO staff_services (staff_id, service_id) VALUES ($1, $2)', [
        row!.id,
        sid,
      ]);
    }
    // As login issues them: with the organisation and role claims.
    const token = issueToken(TEST_SECRET, row!.id, Date.now(), undefined, { organisationId, role }).token;
    return { id: row!.id, organisationId, role, email, token };
  }
}

export interface TestAppOptions {
  /** Where the app's pino log lines go (tests that read the log). */
  logDestination?: DestinationStream;
}

export async function startTestApp(
  env: Record<string, string> = {},
  options: TestAppOptions = {},
): Promise<TestApp> {
  const database = await createTestDatabase();
  const config = await loadConfig({
    NODE_ENV: 'test',
    AUTH_SECRET: TEST_SECRET,
    DATABASE_URL: database.url,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    RATE_LIMIT_PER_MINUTE: '0',
    RATE_LIMIT_ANON_PER_MINUTE: '0',
    ...env,
  });
  const db = new Db({ url: database.url, max: 10 });
  const app = await createApp(config, db, createLogger(config.logLevel, options.logDestination));
  await app.init();
  const server = app.getHttpServer();

  const gql = async (query: string, variables?: Record<string, unknown>, token?: string | null) => {
    let req = request(server).post('/graphql').set('content-type', 'application/json');
    if (token) req = req.set('authorization', `Bearer ${token}`);
    const res = await req.send({ query, variables });
    // Every error produced anywhere in the end-to-end suite is scanned for leaked internals.
    assertNoLeak(res.body, variables);
    return { status: res.status, data: res.body?.data, errors: res.body?.errors, body: res.body };
  };

  return {
    app,
    db,
    config,
    url: database.url,
    gql,
    http: () => request(server),
    fixtures: new Fixtures(db),
    close: async () => {
      await app.close();
      await db.close();
      await database.drop();
    },
  };
}

/** The single error's code of a response (fails loudly when there is not exactly one error). */
export function errorCode(res: GqlResponse): string {
  if (!res.errors || res.errors.length !== 1) {
    throw new Error(`expected exactly one error, got ${JSON.stringify(res.body)}`);
  }
  return res.errors[0].extensions.code;
}
