/**
 * DOUBLE values travel as strings spelled the way Java's `Double.toString` spells them, since
 * Timestream's engine runs on the JVM: a recorded `SELECT *` holds `"4.294967167E7"` for 42949671.67
 * (research §5.2, c33howard/signalk-to-timestream; test/fixtures/timestream/query.select.signalk.json).
 * The rules (java.lang.Double#toString):
 * - 10^-3 <= |d| < 10^7: plain decimal with at least one digit after the point (`1.0`, `1532.25`);
 * - otherwise computerized scientific notation, mantissa with at least one fractional digit and
 *   the exponent without `+` (`4.294967167E7`, `1.0E-4`, `1.0E21`);
 * - `NaN`, `Infinity`, `-Infinity`, `0.0`, `-0.0`.
 * The digits are the shortest that round-trip, which both JavaScript and Java (JDK 19 and later,
 * JDK-4511638) produce. Older JDKs sometimes printed one more digit; which JDK Timestream runs is
 * not known, so a rare last-digit difference from AWS is possible.
 */
export function formatJavaDouble(d: number): string {
  if (Number.isNaN(d)) return 'NaN';
  if (d === Infinity) return 'Infinity';
  if (d === -Infinity) return '-Infinity';
  if (d === 0) return Object.is(d, -0) ? '-0.0' : '0.0';
  const sign = d < 0 ? '-' : '';
  // toExponential() without an argument gives the shortest round-trip digits: "4.294967167e+7".
  // Java prints at least two digits, and when one would do it picks the two-digit decimal closest
  // to the value (JDK 19 Double.toString spec): Double.MIN_VALUE is 4.9E-324, not 5.0E-324.
  const shortest = Math.abs(d).toExponential();
  const [mantissa = '', exp = '0'] = (
    shortest.includes('.') ? shortest : Math.abs(d).toExponential(1)
  ).split('e');
  const digits = mantissa.replace('.', '');
  const exponent = Number(exp);
  const abs = Math.abs(d);
  if (abs >= 1e-3 && abs < 1e7) return sign + plain(digits.replace(/0$/, ''), exponent);
  const fraction = digits.slice(1).replace(/0$/, '') || '0';
  return `${sign}${digits[0]}.${fraction}E${exponent}`;
}

/** Digits d1 d2 ... with the point after position exponent + 1, padded with zeros as needed. */
function plain(digits: string, exponent: number): string {
  if (exponent < 0) return `0.${'0'.repeat(-exponent - 1)}${digits}`;
  const whole = digits.slice(0, exponent + 1).padEnd(exponent + 1, '0');
  const fraction = digits.slice(exponent + 1) || '0';
  return `${whole}.${fraction}`;
}
