/**
 * PostGraphile 4 over the bench database, for comparison only: a generic GraphQL API generated from
 * the tables, enforcing NONE of Pathways' rules (no authentication, visibility, consent or audit).
 * `node dist/bench/workers/postgraphile.js <databaseUrl> <port> <poolSize>`; prints "ready" when listening.
 */
import { createServer } from 'node:http';
import Module, { createRequire } from 'node:module';
import path from 'node:path';
import pg from 'pg';

const require = createRequire(import.meta.url);

// PostGraphile 4 needs graphql 15; the API uses 16. npm nests a 15 under postgraphile, but hoists
// graphql-parse-resolve-info (a peer of graphql) to the root, where it would find 16 and GraphQL
// refuses to mix two copies. Make every `graphql` import in this process resolve to PostGraphile's copy.
const graphql15 = path.dirname(
  require.resolve('graphql/package.json', { paths: [path.dirname(require.resolve('postgraphile'))] }),
);
const ModuleCtor = Module as unknown as { _resolveFilename: (request: string, ...rest: unknown[]) => string };
const resolveFilename = ModuleCtor._resolveFilename;
ModuleCtor._resolveFilename = function (request: string, ...rest: unknown[]) {
  if (request === 'graphql' || request.startsWith('graphql/')) {
    request = path.join(graphql15, request.slice('graphql'.length));
  }
  return resolveFilename.call(this, request, ...rest);
};
type Handler = (req: unknown, res: unknown) => void;
const { postgraphile } = require('postgraphile') as {
  postgraphile: (pool: pg.Pool, schema: string, options: Record<string, unknown>) => Handler;
};

const [url, port, poolSize] = process.argv.slice(2);
const pool = new pg.Pool({ connectionString: url, max: Number(poolSize) || 10 });
const handler = postgraphile(pool, 'public', {
  graphqlRoute: '/graphql',
  graphiql: false,
  disableQueryLog: true,
  retryOnInitFail: false,
  dynamicJson: true,
  setofFunctionsContainNulls: false,
  ignoreRBAC: true,
  enableQueryBatching: false,
  extendedErrors: [],
});
const server = createServer(handler as Parameters<typeof createServer>[1] & Handler);
server.keepAliveTimeout = 60_000;
server.listen(Number(port), '127.0.0.1', () => process.stdout.write('ready\n'));
const stop = () => server.close(() => void pool.end().then(() => process.exit(0)));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
