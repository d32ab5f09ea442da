/**
 * Every provider property, in the order a fuzz run reports them. A run searches them side by side
 * (their requests interleave under one in-flight bound), so the order only sets the report's.
 */
import type { FuzzProperty } from "../fuzz-property.js";
import { badTokenProperty } from "./bad-token.js";
import { concurrencyProperty } from "./concurrency.js";
import { contentTypeProperty } from "./content-type.js";
import { expiredCodeProperty } from "./expired-code.js";
import { invalidBodyProperty } from "./invalid-body.js";
import { invalidCodeProperty } from "./invalid-code.js";
import { modelProperty } from "./model.js";
import { nearMissProperty } from "./near-miss.js";
import { sharedCodeProperty } from "./shared-code.js";
import { unsharedCodeProperty } from "./unshared-code.js";

/** The provider properties. */
export const PROPERTIES: readonly FuzzProperty<never>[] = [
  sharedCodeProperty,
  invalidCodeProperty,
  badTokenProperty,
  unsharedCodeProperty,
  nearMissProperty,
  expiredCodeProperty,
  invalidBodyProperty,
  contentTypeProperty,
  concurrencyProperty,
  modelProperty,
] as unknown as readonly FuzzProperty<never>[];
