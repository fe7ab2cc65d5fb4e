// Checksums that some token formats carry, so a value with the right shape but a wrong checksum is
// known to be a look-alike (a typo, a truncated copy, an invented example) rather than a live token.

let crcTable: Uint32Array | undefined;

/** CRC-32 (IEEE 802.3, as zlib and binascii.crc32 compute it) of the string's UTF-16 code units (ASCII here). */
export function crc32(text: string): number {
  crcTable ??= Uint32Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  let crc = 0xffffffff;
  for (let i = 0; i < text.length; i++) crc = crcTable[(crc ^ text.charCodeAt(i)) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

const base62Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** `n` in base 62 (digits, then upper, then lower case), left-padded with "0" to `width`. */
export function base62(n: number, width: number): string {
  let out = "";
  do {
    out = base62Alphabet[n % 62]! + out;
    n = Math.floor(n / 62);
  } while (n > 0);
  return out.padStart(width, "0");
}

/**
 * GitHub's token format (ghp_, gho_, ghu_, ghs_, ghr_), which npm adopted for npm_ tokens: after the
 * prefix, 30 random base62 characters and 6 more that are the CRC-32 of those 30 in base 62.
 */
export function hasBase62Crc32Checksum(token: string): boolean {
  const body = token.slice(token.indexOf("_") + 1);
  if (body.length !== 36) return false;
  return base62(crc32(body.slice(0, 30)), 6) === body.slice(30);
}
