import { describe, expect, it } from "vitest";
import { PROPERTY_CATALOG } from "./catalog.js";
import { PROPERTIES } from "./index.js";

describe("the property catalog", () => {
  it("lists every property, in order, with its id and rule as the property states them", () => {
    expect(PROPERTY_CATALOG).toEqual(PROPERTIES.map(({ id, name }) => ({ id, name })));
  });
});
