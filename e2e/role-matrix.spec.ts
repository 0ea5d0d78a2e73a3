import { expect, request, test } from "@playwright/test";
import { storageStatePath } from "./support/accounts";
import { API_ROUTES, PAGE_ROUTES } from "./route-matrix";
import { EVERYONE, expectedStatus, tokenFor, type Who } from "./support/roles";

// Walks every page and route handler with each role and with no credentials (see e2e/route-matrix.ts).
const baseURL = `http://127.0.0.1:${process.env.E2E_PORT ?? 3100}`;

async function contextFor(who: Who) {
  return request.newContext({ baseURL, storageState: who === "anonymous" ? undefined : storageStatePath(who), maxRedirects: 0 });
}

for (const who of EVERYONE) {
  test(`pages answer ${who} with the expected status`, async () => {
    const context = await contextFor(who);
    for (const entry of PAGE_ROUTES) {
      const response = await context.get(entry.sample);
      // A signed-in user opening /login is sent to the overview.
      const expected = entry.route === "/login" && who !== "anonymous" ? 307 : expectedStatus(who, entry.access, entry.allowedStatuses?.[0]);
      expect(response.status(), `${who} GET ${entry.sample}`).toBe(expected);
    }
    await context.dispose();
  });

  test(`API routes answer ${who} with the expected status, by session and by token`, async () => {
    const sessionContext = await contextFor(who);
    const anonymous = await contextFor("anonymous");
    for (const entry of API_ROUTES) {
      // Cookie-authenticated writes must carry our Origin (apiRoute refuses cross-origin ones).
      const options = { data: entry.body, failOnStatusCode: false, headers: (entry.method === "GET" ? {} : { origin: baseURL }) as Record<string, string> };
      const allowed = entry.allowedStatuses?.[0] ?? 200;
      const bySession = await sessionContext.fetch(entry.sample, { method: entry.method, ...options });
      expect(bySession.status(), `${who} (session) ${entry.method} ${entry.sample}`).toBe(expectedStatus(who, entry.access, allowed));
      if (who !== "anonymous") {
        const byToken = await anonymous.fetch(entry.sample, {
          method: entry.method,
          data: entry.body,
          failOnStatusCode: false,
          headers: { Authorization: `Bearer ${tokenFor(who)}` },
        });
        expect(byToken.status(), `${who} (token) ${entry.method} ${entry.sample}`).toBe(expectedStatus(who, entry.access, allowed));
      }
      if (bySession.status() === 401 || bySession.status() === 403) {
        const body = await bySession.json();
        expect(body.error.code).toBe(bySession.status() === 401 ? "unauthorized" : "forbidden");
      }
    }
    await sessionContext.dispose();
    await anonymous.dispose();
  });
}

test("cookie-authenticated writes from another origin are refused", async () => {
  const context = await contextFor("admin");
  const response = await context.post("/api/uploads", { headers: { origin: "https://evil.example" }, multipart: { file: { name: "a.csv", mimeType: "text/csv", buffer: Buffer.from("x") } } });
  expect(response.status()).toBe(403);
  expect((await response.json()).error.code).toBe("cross-origin");
  await context.dispose();
});

test("a bad or revoked bearer token is 401, not a fallback to the cookie", async () => {
  const context = await contextFor("admin");
  const response = await context.get("/api/me", { headers: { Authorization: "Bearer csr_not-a-token" } });
  expect(response.status()).toBe(401);
  await context.dispose();
});

test("server actions check the role: a viewer replaying an admin action is refused", async ({ browser }) => {
  const admin = await browser.newContext({ storageState: storageStatePath("admin") });
  const page = await admin.newPage();
  await page.goto("/settings");
  await page.getByRole("form", { name: "Create an API token" }).getByLabel("Name").fill("replayed token");
  const actionRequest = page.waitForRequest((req) => req.method() === "POST" && !!req.headers()["next-action"]);
  await page.getByRole("button", { name: "Create token" }).click();
  const captured = await actionRequest;
  await expect(page.getByTestId("new-token")).toBeVisible();

  // Replays the captured action request (same action id and form body) with another caller's cookies.
  const replayAs = async (who: Who) => {
    const context = await contextFor(who);
    const response = await context.post("/settings", {
      headers: {
        "next-action": captured.headers()["next-action"]!,
        "content-type": captured.headers()["content-type"]!,
        accept: "text/x-component",
        origin: baseURL,
      },
      data: captured.postDataBuffer() ?? undefined,
    });
    const text = await response.text();
    await context.dispose();
    return text;
  };
  const asViewer = await replayAs("viewer");
  expect(asViewer).toContain("Your role does not allow this action.");
  expect(asViewer).not.toContain("csr_");
  expect(await replayAs("anonymous")).toContain("Your session has ended. Sign in again.");
  await admin.close();
});
