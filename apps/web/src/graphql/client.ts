import { Client, fetchExchange, mapExchange } from 'urql';
import { session } from '../auth/session';

/** The one GraphQL client: sends the bearer token, and turns UNAUTHENTICATED into "session expired". */
export const client = new Client({
  url: '/graphql',
  preferGetMethod: false,
  requestPolicy: 'network-only',
  fetchOptions: (): RequestInit => {
    const token = session.token();
    const headers: Record<string, string> = token ? { Authorization: `Bearer ${token}` } : {};
    return { headers };
  },
  exchanges: [
    mapExchange({
      onResult(result) {
        const refused = result.error?.graphQLErrors.some((e) => e.extensions?.code === 'UNAUTHENTICATED');
        const isLogin =
          result.operation.kind === 'mutation' &&
          /\blogin\b/.test(result.operation.query.loc?.source.body ?? '');
        if (refused && !isLogin) session.markExpired();
        return result;
      },
    }),
    fetchExchange,
  ],
});
