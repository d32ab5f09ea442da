/**
 * Every provider property, in the order a fuzz run checks them: one shared code opening a session
 * first (every answer-shape defect shows on the first 200), then the single-request properties,
 * then the stateful ones.
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
