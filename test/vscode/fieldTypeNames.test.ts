// Field types in the words 1Password's apps use, wherever the extension shows a field (tree, pickers, hover, completion).
import { expect, test } from "vitest";
import { describeFieldType } from "../../vscode-extension/src/editor/fieldTypeNames.js";

test("types and purposes read as words, never as the API's names", () => {
  const shown = (type: string, purpose?: "USERNAME" | "PASSWORD" | "NOTES") =>
    describeFieldType({ type, purpose });
  expect(shown("CONCEALED", "PASSWORD")).toBe("Password");
  expect(shown("STRING", "USERNAME")).toBe("Username");
  expect(shown("STRING")).toBe("Text");
  expect(shown("CONCEALED")).toBe("Password");
  expect(shown("OTP")).toBe("One-time password");
  expect(shown("TOTP")).toBe("One-time password");
  expect(shown("SSHKEY")).toBe("SSH key");
  expect(shown("MONTH_YEAR")).toBe("Month and year");
  // A type the table does not know yet is still words, not capitals.
  expect(shown("PASSKEY_DATA")).toBe("Passkey data");
  expect(shown("")).toBe("Text");
});
