import type DataLoader from 'dataloader';
import { AppError } from '../errors/app-error.js';
import { RequestLoader } from './request-loader.js';
import { Role } from './role.js';

/** The signed-in staff member a request acts for. */
export interface Actor {
  readonly staffId: string;
  readonly organisationId: string;
  readonly role: Role;
}

/**
 * Everything a service needs to know about the request it serves. Created once per HTTP request
 * (GraphQL context), passed first to every service method. Holds no state shared across requests.
 */
export class RequestContext {
  private actorValue: Actor | null = null;
  private authResolved = false;
  private readonly loaders = new Map<string, RequestLoader<any, any>>();

  constructor(
    readonly requestId: string,
    readonly ip: string,
    /** Resolves the bearer token to an actor, once; null when there is none or it is invalid. */
    private readonly authenticate: () => Promise<Actor | null> = async () => null,
  ) {}

  /** Resolves (once per request) and returns the actor, or null when not signed in. */
  async resolveActor(): Promise<Actor | null> {
    if (!this.authResolved) {
      this.actorValue = await this.authenticate();
      this.authResolved = true;
    }
    return this.actorValue;
  }

  /** Used by login so the rest of the same response (AuthPayload.staff…) resolves as the new actor. */
  signIn(actor: Actor): void {
    this.actorValue = actor;
    this.authResolved = true;
  }

  /** The actor; the auth guard has already resolved it for every protected field. */
  get actor(): Actor {
    if (!this.actorValue) throw AppError.unauthenticated();
    return this.actorValue;
  }

  get isSignedIn(): boolean {
    return this.actorValue !== null;
  }

  /** A per-request DataLoader, created on first use under `key`. */
  loader<K, V>(
    key: string,
    batch: (keys: readonly K[]) => Promise<ReadonlyArray<V | Error>>,
  ): RequestLoader<K, V> {
    let l = this.loaders.get(key);
    if (!l) {
      l = new RequestLoader<K, V>(batch as DataLoader.BatchLoadFn<K, V>, { maxBatchSize: 1000 });
      this.loaders.set(key, l);
    }
    return l as RequestLoader<K, V>;
  }
}

/** The GraphQL context object. */
export interface GqlContext {
  req: { headers: Record<string, string | string[] | undefined>; ip?: string; id?: unknown } & Record<
    string,
    any
  >;
  ctx: RequestContext;
}
