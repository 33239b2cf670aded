/** The signed-in session: the bearer token, kept in sessionStorage so a reload keeps it (and closing the tab ends it). */
export interface Session {
  token: string;
  expiresAt: string;
  staffId: string;
}

type Listener = () => void;
const KEY = 'pathways.session';
const listeners = new Set<Listener>();

let current: Session | null = read();
/** True when the server refused the token (expired or revoked) while the page still holds it. */
let expired = false;

function read(): Session | null {
  try {
    const raw = globalThis.sessionStorage?.getItem(KEY);
    return raw ? (JSON.parse(raw) as Session) : null;
  } catch {
    return null;
  }
}

function emit(): void {
  for (const l of listeners) l();
}

export const session = {
  get: (): Session | null => current,
  isExpired: (): boolean => expired || (current !== null && Date.parse(current.expiresAt) <= Date.now()),
  token: (): string | null => current?.token ?? null,
  signIn(s: Session): void {
    current = s;
    expired = false;
    globalThis.sessionStorage?.setItem(KEY, JSON.stringify(s));
    emit();
  },
  /** Keeps the page (and any half-filled form) as it is and asks for the password again. */
  markExpired(): void {
    if (!current || expired) return;
    expired = true;
    emit();
  },
  signOut(): void {
    current = null;
    expired = false;
    globalThis.sessionStorage?.removeItem(KEY);
    emit();
  },
  subscribe(l: Listener): () => void {
    listeners.add(l);
    return () => listeners.delete(l);
  },
};
