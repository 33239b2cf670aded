import { emailKey } from './login-throttle.js';

describe('emailKey', () => {
  it('matches an email whatever its case, surrounding spaces or Unicode form (emails are stored composed)', () => {
    expect(emailKey('  Zoe@Example.ORG ')).toBe('zoe@example.org');
    expect(emailKey('zoe\u0301@exa\u0301mple.org')).toBe(emailKey('zoé@exámple.org'));
    expect(emailKey('a\u0000b')).toBe('a\ufffdb');
    expect(emailKey('ΣΊΣΥΦΟΣ@case.org')).toBe(emailKey('σίσυφος@case.org'));
    expect(emailKey('ſam@case.org')).toBe(emailKey('SAM@case.org'));
  });
});
