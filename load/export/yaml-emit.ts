/**
 * A minimal YAML emitter for the Artillery export: mappings, sequences and scalars, every string
 * double-quoted (JSON string syntax is valid YAML), so no value can be misread as another type.
 * Kept here so the CLI needs no YAML library at run time.
 */

/** A value the emitter writes. */
export type YamlValue =
  | string
  | number
  | boolean
  | null
  | readonly YamlValue[]
  | { readonly [key: string]: YamlValue };

const key = (k: string): string => (/^[A-Za-z_][\w.-]*$/.test(k) ? k : JSON.stringify(k));

const scalar = (v: string | number | boolean | null): string =>
  typeof v === "string" ? JSON.stringify(v) : String(v);

const isEmpty = (v: YamlValue): boolean =>
  (Array.isArray(v) && v.length === 0) ||
  (typeof v === "object" && v !== null && !Array.isArray(v) && Object.keys(v).length === 0);

function emit(value: YamlValue, indent: string): string[] {
  if (value === null || typeof value !== "object") return [`${indent}${scalar(value)}`];
  if (Array.isArray(value)) {
    return (value as readonly YamlValue[]).flatMap((item) => {
      if (item === null || typeof item !== "object" || isEmpty(item)) {
        return [`${indent}- ${isEmpty(item) ? (Array.isArray(item) ? "[]" : "{}") : scalar(item as string)}`];
      }
      const lines = emit(item, `${indent}  `);
      return [`${indent}- ${(lines[0] ?? "").trimStart()}`, ...lines.slice(1)];
    });
  }
  return Object.entries(value as { readonly [key: string]: YamlValue }).flatMap(([k, v]) => {
    if (v === null || typeof v !== "object") return [`${indent}${key(k)}: ${scalar(v)}`];
    if (isEmpty(v)) return [`${indent}${key(k)}: ${Array.isArray(v) ? "[]" : "{}"}`];
    return [`${indent}${key(k)}:`, ...emit(v, `${indent}  `)];
  });
}

/** Renders a value as a YAML document. */
export function toYaml(value: YamlValue): string {
  return `${emit(value, "").join("\n")}\n`;
}
