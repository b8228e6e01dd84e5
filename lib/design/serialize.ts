/**
 * Canonical JSON for a design: keys in the order design-format.md lists them, two-space indent.
 * Storage (PostgreSQL JSONB) does not keep key order, so every export goes through here; the same
 * design always produces byte-identical text.
 */
import type { z } from "zod";
import { designSchema, type Design } from "./schema";

type Def = z.core.$ZodTypeDef & {
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  innerType?: z.ZodType;
  valueType?: z.ZodType;
};

function canonical(value: unknown, schema: z.ZodType | undefined): unknown {
  const def = schema?._zod.def as Def | undefined;
  if (def?.type === "optional" || def?.type === "default") return canonical(value, def.innerType);
  if (Array.isArray(value)) return value.map((item) => canonical(item, def?.type === "array" ? def.element : undefined));
  if (value === null || typeof value !== "object") return value;
  const obj = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  if (def?.type === "object" && def.shape) {
    for (const key of Object.keys(def.shape)) if (obj[key] !== undefined) out[key] = canonical(obj[key], def.shape[key]);
    for (const key of Object.keys(obj)) if (!(key in out) && obj[key] !== undefined) out[key] = canonical(obj[key], undefined);
    return out;
  }
  const valueSchema = def?.type === "record" ? def.valueType : undefined;
  for (const key of Object.keys(obj).sort()) if (obj[key] !== undefined) out[key] = canonical(obj[key], valueSchema);
  return out;
}

/** The design with its keys in canonical order (a plain JSON value). */
export function canonicalDesign(design: Design): Design {
  return canonical(design, designSchema) as Design;
}

/** The design as the text of a `.json` design file. */
export function serializeDesign(design: Design): string {
  return `${JSON.stringify(canonicalDesign(design), null, 2)}\n`;
}
