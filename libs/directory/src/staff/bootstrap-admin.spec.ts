import { bootstrapAdminProblem } from './bootstrap-admin.js';

describe('bootstrapAdminProblem: the credentials BOOTSTRAP_ADMIN_* may hold', () => {
  it.each([
    ['admin@example.org', 'a long passphrase', null],
    ['admin@example.org', '𝒜'.repeat(12), null],
    [
      'not-an-email',
      'a long passphrase',
      'BOOTSTRAP_ADMIN_EMAIL must be an email address such as admin@example.org.',
    ],
    ['admin@example.org', 'eleven char', 'BOOTSTRAP_ADMIN_PASSWORD must be at least 12 characters.'],
    ['admin@example.org', 'x'.repeat(1001), 'BOOTSTRAP_ADMIN_PASSWORD must be at most 1000 characters.'],
    ['admin@example.org', 'e\u0301'.repeat(6), 'BOOTSTRAP_ADMIN_PASSWORD must be at least 12 characters.'],
    [
      'admin@example.org',
      ' \u200b'.repeat(7),
      'BOOTSTRAP_ADMIN_PASSWORD must not be only spaces or invisible characters.',
    ],
    [
      'admin@example.org',
      'a long passphrase\u0000',
      'BOOTSTRAP_ADMIN_PASSWORD must not contain control characters.',
    ],
  ])('%j / %j → %j', (email, password, problem) => {
    expect(bootstrapAdminProblem(email, password)).toBe(problem);
  });
});
