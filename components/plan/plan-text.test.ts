import { describe, expect, it } from "vitest";
import { actionAnchor, gainText, servers, unblocked } from "./plan-text";

describe("plan wording", () => {
  it("says what a gain does, with plurals", () => {
    expect(gainText({ toReady: 0, toConditions: 0, conditionsCleared: 0 })).toBe("no server by itself");
    expect(gainText({ toReady: 1, toConditions: 0, conditionsCleared: 0 })).toBe("1 server to Ready");
    expect(gainText({ toReady: 5, toConditions: 2, conditionsCleared: 0 })).toBe("5 servers to Ready, 2 to Ready with conditions");
    expect(gainText({ toReady: 0, toConditions: 7, conditionsCleared: 0 })).toBe("7 servers to Ready with conditions");
    expect(gainText({ toReady: 0, toConditions: 0, conditionsCleared: 1234 })).toBe("1,234 servers from Ready with conditions to Ready");
  });

  it("counts servers unblocked and names anchors", () => {
    expect(unblocked({ toReady: 3, toConditions: 4, conditionsCleared: 9 })).toBe(7);
    expect(servers(1)).toBe("1 server");
    expect(actionAnchor(3)).toBe("action-3");
  });
});
