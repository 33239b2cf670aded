import { canonicalAddress } from './client-address.js';

describe('canonicalAddress', () => {
  it.each([
    ['10.9.9.1', '10.9.9.1'],
    ['::ffff:10.9.9.1', '10.9.9.1'],
    ['::FFFF:10.9.9.1', '10.9.9.1'],
    ['::ffff:a09:901', '10.9.9.1'],
    ['::ffff:127.0.0.1', '127.0.0.1'],
    ['2001:DB8:0:0::1', '2001:db8::1'],
    ['2001:db8:0000:0000:0000:0000:0000:0001', '2001:db8::1'],
    ['2001:db8::1', '2001:db8::1'],
    ['::1', '::1'],
    ['fe80::1%eth0', 'fe80::1'],
    ['garbage', 'garbage'],
    ['', ''],
  ])('%p is %p', (given, expected) => {
    expect(canonicalAddress(given)).toBe(expected);
  });
});
