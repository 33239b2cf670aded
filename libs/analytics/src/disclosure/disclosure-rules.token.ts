/** Injection token for the DisclosureRules the analytics module was configured with. */
export const DISCLOSURE_RULES = Symbol('DISCLOSURE_RULES');
