import { describe, expect, it } from "vitest";
import { checkAnswerBody, SESSION_TYPE } from "../rules/index.js";
import { CodeStore } from "./code-store.js";
import { createOpenSession } from "./open-session.js";
import { ERRORS, ProviderError } from "./provider-error.js";
import { RandomSource } from "./random-source.js";

const random = new RandomSource();
const store = new CodeStore({ ttlMs: 60_000, maxCodes: 1_000 }, random);
const openSession = createOpenSession(store, random);

describe("createOpenSession", () => {
  it("answers a shared code with a session the spec accepts", () => {
    const answer = openSession(JSON.stringify({ code: store.share(), type: SESSION_TYPE }));
    expect(answer).not.toBeInstanceOf(ProviderError);
    if (answer instanceof ProviderError) return;
    expect(answer.status).toBe(200);
    expect(checkAnswerBody(200, JSON.parse(answer.body))).toEqual([]);
  });

  it.each([
    ["bad JSON", "{", ERRORS.notJson],
    ["a JSON array", "[1]", ERRORS.notObject],
    ["no code", `{"type":"${SESSION_TYPE}"}`, ERRORS.codeMissing],
    ["a code that is not a string", `{"code":1,"type":"${SESSION_TYPE}"}`, ERRORS.codeNotString],
    ["a malformed code", `{"code":"abc","type":"${SESSION_TYPE}"}`, ERRORS.codeMalformed],
    [
      "a code only on the prototype",
      `{"__proto__":{"code":"A1B2C3"},"type":"${SESSION_TYPE}"}`,
      ERRORS.codeMissing,
    ],
    ["a wrong type", '{"code":"A1B2C3","type":"X"}', ERRORS.typeInvalid],
    [
      "a type only on the prototype",
      '{"code":"A1B2C3","__proto__":{"type":"SESSION_DEFAULT"}}',
      ERRORS.typeInvalid,
    ],
    [
      "payeeInfo null",
      `{"code":"A1B2C3","type":"${SESSION_TYPE}","payeeInfo":null}`,
      ERRORS.payeeInfoInvalid,
    ],
    ["an unshared code", `{"code":"A1B2C3","type":"${SESSION_TYPE}"}`, ERRORS.codeInvalid],
  ])("answers %s with its pre-rendered error", (_name, text, error) => {
    // A1B2C3 is never minted here: the store holds a handful of 2 billion possible codes.
    expect(openSession(text)).toBe(error);
  });
});
