/** A fresh idempotency key for one referral form (works outside secure contexts too, unlike crypto.randomUUID). */
export function newIdempotencyKey(): string {
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  return 'web-' + Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Whether an active REFERRAL_SHARING consent covers the receiving organisation (the server decides; this only warns early). */
export function consentCovers(
  consents: { purpose: string; active: boolean; organisations?: { id: string }[] | null }[],
  organisationId: string,
): boolean {
  return consents.some(
    (c) =>
      c.purpose === 'REFERRAL_SHARING' &&
      c.active &&
      (c.organisations == null || c.organisations.some((o) => o.id === organisationId)),
  );
}
