/** NHS number: 10 digits whose last is the modulus-11 check digit of the first nine. */
export function normaliseNhsNumber(input: string): string {
  return input.replace(/ /g, '');
}

export function isValidNhsNumber(digits: string): boolean {
  if (!/^[0-9]{10}$/.test(digits)) return false;
  // One digit ten times (0000000000, 1111111111 …) passes the check, but is a placeholder, never issued.
  if (/^(\d)\1{9}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(digits[i]) * (10 - i);
  const check = 11 - (sum % 11);
  if (check === 10) return false;
  return (check === 11 ? 0 : check) === Number(digits[9]);
}
