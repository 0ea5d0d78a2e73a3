import { describe, expect, it } from "vitest";
import { declaredActionBodyTooLarge, SERVER_ACTION_BODY_LIMIT_BYTES } from "./server-action-limit";

describe("declaredActionBodyTooLarge", () => {
  it("answers 413 to a page POST declaring more than the server actions' limit", async () => {
    const response = declaredActionBodyTooLarge("POST", new Headers({ "content-length": String(SERVER_ACTION_BODY_LIMIT_BYTES + 1) }));
    expect(response?.status).toBe(413);
    expect(await response?.text()).toBe("The form is larger than the 1 MB limit for a form.\n");
  });

  it("lets through a body at the limit, one without a length (Next.js counts it while it streams) and other methods", () => {
    expect(declaredActionBodyTooLarge("POST", new Headers({ "content-length": String(SERVER_ACTION_BODY_LIMIT_BYTES) }))).toBeNull();
    expect(declaredActionBodyTooLarge("POST", new Headers())).toBeNull();
    expect(declaredActionBodyTooLarge("GET", new Headers({ "content-length": String(10 * SERVER_ACTION_BODY_LIMIT_BYTES) }))).toBeNull();
  });
});
