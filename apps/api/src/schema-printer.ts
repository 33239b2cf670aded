import type { INestApplication } from '@nestjs/common';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { lexicographicSortSchema, printSchema } from 'graphql';

export const SCHEMA_HEADER =
  '# Generated from the code by `npm run schema:generate`. Do not edit: change the resolvers.\n\n';

/** The application's schema as committed in schema.gql (sorted, so diffs show real changes only). */
export function printAppSchema(app: INestApplication): string {
  const { schema } = app.get(GraphQLSchemaHost);
  return SCHEMA_HEADER + printSchema(lexicographicSortSchema(schema)) + '\n';
}
