// Validates the local server's answers against the official Connect OpenAPI document (a copy in test/fixtures/connect-openapi).
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Ajv, type ValidateFunction } from "ajv";
import addFormatsModule from "ajv-formats";
import { parse } from "yaml";
import type { ResponseEvent } from "./server.js";

/** The specification is kept in the repository (origin and terms in its README), so a clone needs nothing beside it. */
export const specPath = join(
  dirname(fileURLToPath(import.meta.url)),
  "../fixtures/connect-openapi/connect-openapi.yaml",
);

type Json = Record<string, unknown>;
interface Operation {
  pattern: RegExp;
  /** Outside /v1 (heartbeat, health, metrics). */
  root: boolean;
  method: string;
  responses: Record<string, Json>;
}

// ajv-formats is CommonJS with a default export; under NodeNext its default is the module object.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ??
  addFormatsModule) as unknown as (ajv: Ajv) => Ajv;

export interface ResponseValidator {
  /** Problems found in one answer; empty when it conforms. */
  check(event: Pick<ResponseEvent, "method" | "url" | "status" | "headers" | "body">): string[];
}

export function createResponseValidator(): ResponseValidator {
  const spec = parse(readFileSync(specPath, "utf8")) as Json;
  // The spec's Field.type lists TOTP, but real servers and every SDK (connect-sdk-js TypeEnum.Otp = "OTP")
  // use OTP (CONNECT-NOTES.md): the one documented deviation allowed here.
  const fieldType = ((spec.components as Json).schemas as Json).Field as Json;
  const typeSchema = (fieldType.properties as Json).type as { enum: string[] };
  typeSchema.enum = [...typeSchema.enum, "OTP"];
  const rewritten = rewriteRefs(spec) as Json;
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema({ $id: "connect", components: rewritten.components }, "connect");
  const errorSchema = ajv.compile({ $ref: "connect#/components/schemas/ErrorResponse" });
  const compiled = new Map<Json, ValidateFunction>();
  const compile = (schema: Json) => {
    let validate = compiled.get(schema);
    if (!validate) compiled.set(schema, (validate = ajv.compile(schema)));
    return validate;
  };

  const operations: Operation[] = [];
  for (const [path, item] of Object.entries(rewritten.paths as Json)) {
    const pattern = new RegExp(`^${path.replace(/\{[^}]+\}/g, "[^/]+")}/?$`);
    const root = ["/heartbeat", "/health", "/metrics"].includes(path);
    for (const [method, operation] of Object.entries(item as Json)) {
      if (method === "parameters") continue;
      operations.push({
        pattern,
        root,
        method: method.toUpperCase(),
        responses: (operation as Json).responses as Json as Record<string, Json>,
      });
    }
  }

  return {
    check({ method, url, status, headers, body }) {
      const where = `${method} ${url} → ${status}`;
      const problems: string[] = [];
      if (headers["1password-connect-version"] === undefined)
        problems.push(`${where}: no 1Password-Connect-Version header`);
      const pathname = url.split("?")[0]!;
      const apiPath = pathname.startsWith("/v1/") ? pathname.slice(3) : undefined;
      const operation = operations.find(
        (o) => o.method === method && o.pattern.test(o.root ? pathname : (apiPath ?? "\0")),
      );
      if (!operation) {
        // Paths the spec lacks may only answer Connect's error body.
        if (status < 400) problems.push(`${where}: the spec has no such operation`);
        else problems.push(...validateJson(errorSchema, body, where));
        return problems;
      }
      const response = operation.responses[String(status)];
      if (!response) {
        // Statuses the spec does not list for this operation (400, 429, 5xx) still carry ErrorResponse.
        if (status < 400) problems.push(`${where}: status not documented for this operation`);
        else problems.push(...validateJson(errorSchema, body, where));
        return problems;
      }
      const content = response.content as Record<string, Json> | undefined;
      if (!content) {
        if (body.length > 0) problems.push(`${where}: the spec documents no body, but one was sent`);
        return problems;
      }
      const type = (headers["content-type"] ?? "").split(";")[0]!.trim();
      const media = content[type];
      if (!media) {
        problems.push(`${where}: content-type ${type} is not one of ${Object.keys(content).join(", ")}`);
        return problems;
      }
      if (type === "application/json")
        problems.push(...validateJson(compile(media.schema as Json), body, where));
      const documentedHeaders = Object.keys((response.headers as Json | undefined) ?? {});
      for (const name of documentedHeaders) {
        if (headers[name.toLowerCase()] === undefined) problems.push(`${where}: no ${name} header`);
      }
      return problems;
    },
  };
}

function validateJson(validate: ValidateFunction, body: Buffer, where: string): string[] {
  let data: unknown;
  try {
    data = JSON.parse(body.toString("utf8"));
  } catch {
    return [`${where}: the body is not JSON`];
  }
  if (validate(data)) return [];
  return (validate.errors ?? []).map(
    (e) => `${where}: ${e.instancePath || "/"} ${e.message ?? "is invalid"}`,
  );
}

function rewriteRefs(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(rewriteRefs);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([key, inner]) => [
        key,
        key === "$ref" && typeof inner === "string" && inner.startsWith("#/")
          ? `connect${inner}`
          : rewriteRefs(inner),
      ]),
    );
  }
  return value;
}
