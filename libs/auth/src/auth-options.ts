export const AUTH_OPTIONS = Symbol('AUTH_OPTIONS');

export interface AuthOptions {
  /** HMAC secret for bearer tokens (AUTH_SECRET, or generated once into DATA_DIR). */
  secret: string;
}
