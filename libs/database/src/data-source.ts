import { DataSource } from 'typeorm';
import { MIGRATIONS } from '../../../prisma-free-migrations/index.js';

export const MIGRATIONS_TABLE = 'migrations';

/** The TypeORM data source: migrations only (synchronize is off everywhere; the API's queries use Db). */
export function createMigrationDataSource(url: string): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    migrations: MIGRATIONS,
    migrationsTableName: MIGRATIONS_TABLE,
    migrationsTransactionMode: 'each',
    synchronize: false,
    logging: false,
    entities: [],
  });
}
