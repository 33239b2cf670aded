import { createContext, useContext } from 'react';
import type { MeQuery } from '../gql/graphql';

export type Me = MeQuery['me'];
export const MeContext = createContext<Me | null>(null);

export function useMe(): Me {
  const me = useContext(MeContext);
  if (!me) throw new Error('useMe outside a signed-in page');
  return me;
}

export const FRONTLINE = new Set(['FAMILY_SUPPORT_WORKER', 'KEY_WORKER', 'LINK_WORKER']);
export const canSeePeople = (me: Me) => FRONTLINE.has(me.role) || me.role === 'SERVICE_MANAGER';
export const canSeeAnalytics = (me: Me) => ['COMMISSIONER', 'ADMIN', 'SERVICE_MANAGER'].includes(me.role);
export const canAdminister = (me: Me) => me.role === 'ADMIN' || me.role === 'SERVICE_MANAGER';

/** Where each role starts after signing in. */
export function homeFor(me: Me): string {
  if (canSeePeople(me)) return '/inbox';
  if (me.role === 'COMMISSIONER') return '/dashboard';
  return '/admin';
}
