import { DynamicModule, Global, Module } from '@nestjs/common';
import { Db } from './db.js';

/** Provides the one Db (connection pool) the application was started with. */
@Global()
@Module({})
export class DatabaseModule {
  static forRoot(db: Db): DynamicModule {
    return { module: DatabaseModule, providers: [{ provide: Db, useValue: db }], exports: [Db] };
  }
}
