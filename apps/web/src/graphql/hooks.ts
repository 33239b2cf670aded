import { useEffect, useRef } from 'react';
import { useQuery, type AnyVariables, type TypedDocumentNode, type UseQueryArgs } from 'urql';
import { session } from '../auth/session';

/**
 * useQuery that fetches again after the user signs back in, if the last attempt failed (session expiry keeps the
 * page mounted, so its state, and any half-filled form on it, survive).
 */
export function useAuthedQuery<Data, Variables extends AnyVariables>(
  args: UseQueryArgs<Variables, Data> & { query: TypedDocumentNode<Data, Variables> },
) {
  const [result, reexecute] = useQuery<Data, Variables>(args);
  const failed = useRef(false);
  failed.current = Boolean(result.error);
  useEffect(() => {
    let token = session.token();
    return session.subscribe(() => {
      const next = session.token();
      if (next && next !== token && !session.isExpired() && failed.current)
        reexecute({ requestPolicy: 'network-only' });
      token = next;
    });
  }, [reexecute]);
  return [result, reexecute] as const;
}
