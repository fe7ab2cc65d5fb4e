// RFC 6238 one-time codes, so OTP fields carry the current code in `totp` as a real Connect server's do.
import { createHmac } from "node:crypto";

interface OtpParameters {
  secret: Buffer;
  digits: number;
  period: number;
  algorithm: "sha1" | "sha256" | "sha512";
}

/** The current code for an OTP field's value (an otpauth:// URI or a bare base32 secret); undefined if unreadable. */
export function currentTotp(value: string | undefined, now = Date.now()): string | undefined {
  const parameters = value === undefined ? undefined : readOtpValue(value);
  if (!parameters) return undefined;
  const counter = Math.floor(now / 1000 / parameters.period);
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const digest = createHmac(parameters.algorithm, parameters.secret).update(message).digest();
  const offset = digest[digest.length - 1]! & 0x0f;
  const binary = digest.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 10 ** parameters.digits).padStart(parameters.digits, "0");
}

function readOtpValue(value: string): OtpParameters | undefined {
  let secretText = value;
  let digits = 6;
  let period = 30;
  let algorithm: OtpParameters["algorithm"] = "sha1";
  if (value.startsWith("otpauth://")) {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      return undefined;
    }
    secretText = url.searchParams.get("secret") ?? "";
    digits = Number(url.searchParams.get("digits") ?? 6);
    period = Number(url.searchParams.get("period") ?? 30);
    const named = (url.searchParams.get("algorithm") ?? "SHA1").toLowerCase();
    if (named !== "sha1" && named !== "sha256" && named !== "sha512") return undefined;
    algorithm = named;
  }
  if (!Number.isInteger(digits) || digits < 6 || digits > 8 || !Number.isInteger(period) || period < 1)
    return undefined;
  const secret = decodeBase32(secretText);
  return secret && secret.length > 0 ? { secret, digits, period, algorithm } : undefined;
}

const BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

export function decodeBase32(text: string): Buffer | undefined {
  const clean = text.replace(/[\s=-]/g, "").toUpperCase();
  let bits = 0;
  let accumulator = 0;
  const bytes: number[] = [];
  for (const character of clean) {
    const index = BASE32.indexOf(character);
    if (index < 0) return undefined;
    accumulator = (accumulator << 5) | index;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((accumulator >>> bits) & 0xff);
    }
  }
  return Buffer.from(bytes);
}

export function encodeBase32(bytes: Buffer): string {
  let bits = 0;
  let accumulator = 0;
  let text = "";
  for (const byte of bytes) {
    accumulator = (accumulator << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      text += BASE32[(accumulator >>> bits) & 31];
    }
  }
  if (bits > 0) text += BASE32[(accumulator << (5 - bits)) & 31];
  return text;
}
