import { expect, request as playwrightRequest, test, type APIRequestContext } from "@playwright/test";
import { storageStatePath } from "./support/accounts";
import { tokenFor } from "./support/roles";

// Issue 12, the origin checks kept as tests: a cross-site POST carrying the admin's session cookie (an Origin of
// another site, or no Origin but Sec-Fetch-Site: cross-site) to a state-changing API route and to a server action
// is refused with 403 and changes nothing; the same request from our own origin works.

const baseURL = `http://127.0.0.1:${process.env.E2E_PORT ?? 3100}`;
const EVIL = "https://evil.example";

test.describe.configure({ mode: "serial" });

let admin: APIRequestContext;

test.beforeAll(async () => {
  admin = await playwrightRequest.newContext({ baseURL, storageState: storageStatePath("admin"), maxRedirects: 0 });
});

test.afterAll(async () => {
  await admin.dispose();
});

/** Wave names as the API lists them (read with a token, so no cookie is involved). */
async function waveNames(): Promise<string[]> {
  const response = await admin.get("/api/waves?archived=true", { headers: { Authorization: `Bearer ${tokenFor("admin")}` } });
  expect(response.status()).toBe(200);
  return ((await response.json()) as { waves: { name: string }[] }).waves.map((wave) => wave.name);
}

test("a cookie-authenticated API write from another site is refused (403), from our origin it works", async () => {
  const stamp = Date.now();
  const fromEvil = await admin.post("/api/waves", { headers: { origin: EVIL }, data: { name: `Cross-site A ${stamp}` } });
  expect(fromEvil.status()).toBe(403);
  expect((await fromEvil.json()).error.code).toBe("cross-origin");

  const noOrigin = await admin.post("/api/waves", { headers: { "sec-fetch-site": "cross-site" }, data: { name: `Cross-site B ${stamp}` } });
  expect(noOrigin.status()).toBe(403);
  expect((await noOrigin.json()).error.code).toBe("cross-origin");

  const fromUs = await admin.post("/api/waves", { headers: { origin: baseURL, "sec-fetch-site": "same-origin" }, data: { name: `Same-origin ${stamp}` } });
  expect(fromUs.status()).toBe(201);

  const names = await waveNames();
  expect(names).toContain(`Same-origin ${stamp}`);
  expect(names).not.toContain(`Cross-site A ${stamp}`);
  expect(names).not.toContain(`Cross-site B ${stamp}`);
});

test("a server action posted from another site is refused (403) before it runs, from our origin it works", async ({ browser }) => {
  // Let the browser make one real server action request (create a wave), then replay its exact body with other headers.
  const context = await browser.newContext({ storageState: storageStatePath("admin") });
  const page = await context.newPage();
  await page.goto("/rollout");
  const stamp = String(Date.now()).slice(-8);
  const original = `Action probe O${stamp}`;
  const create = page.getByRole("form", { name: "Create a wave" });
  await create.getByLabel("Name").fill(original);
  const [actionRequest] = await Promise.all([
    page.waitForRequest((candidate) => candidate.method() === "POST" && candidate.headers()["next-action"] !== undefined),
    create.getByRole("button", { name: "Create wave" }).click(),
  ]);
  await expect(create.getByRole("status")).toHaveText(`Created ${original}.`);
  const sent = await actionRequest.allHeaders();
  const body = actionRequest.postDataBuffer();
  expect(body, "the action request has a body").not.toBeNull();
  expect(body!.includes(original)).toBe(true);
  await context.close();

  // The same action, same cookie, same body with the wave renamed (same length, so the multipart stays valid).
  const replay = (letter: string, headers: Record<string, string>) => {
    const renamed = Buffer.from(body!.toString("latin1").replace(original, `Action probe ${letter}${stamp}`), "latin1");
    const kept = Object.fromEntries(Object.entries(sent).filter(([name]) => ["next-action", "next-router-state-tree", "content-type", "accept"].includes(name)));
    return admin.fetch(actionRequest.url(), { method: "POST", headers: { ...kept, ...headers }, data: renamed, failOnStatusCode: false });
  };

  const fromEvil = await replay("E", { origin: EVIL, "sec-fetch-site": "cross-site" });
  expect(fromEvil.status()).toBe(403);
  expect(await fromEvil.text()).toMatch(/^Cross-site request refused \(Origin https:\/\/evil\.example is not this site\)/);

  const noOrigin = await replay("N", { "sec-fetch-site": "cross-site" });
  expect(noOrigin.status()).toBe(403);
  expect(await noOrigin.text()).toMatch(/^Cross-site request refused \(Sec-Fetch-Site: cross-site without an Origin\)/);

  const fromUs = await replay("S", { origin: baseURL, "sec-fetch-site": "same-origin" });
  expect(fromUs.status()).toBe(200);

  // The same action from our origin with a body over the server actions' 1 MB limit (padding after the last
  // boundary, which a multipart parser ignores): refused by its declared length before it is read; nothing runs.
  const oversized = await admin.fetch(actionRequest.url(), {
    method: "POST",
    headers: { ...Object.fromEntries(Object.entries(sent).filter(([name]) => ["next-action", "next-router-state-tree", "content-type", "accept"].includes(name))), origin: baseURL },
    data: Buffer.concat([Buffer.from(body!.toString("latin1").replace(original, `Action probe L${stamp}`), "latin1"), Buffer.alloc(3 * 1024 * 1024, 0x20)]),
    failOnStatusCode: false,
  });
  expect(oversized.status(), await oversized.text()).toBe(413);
  expect(await oversized.text()).toBe("The form is larger than the 1 MB limit for a form.\n");

  const names = await waveNames();
  expect(names).not.toContain(`Action probe L${stamp}`);
  expect(names).toContain(original);
  expect(names).toContain(`Action probe S${stamp}`);
  expect(names).not.toContain(`Action probe E${stamp}`);
  expect(names).not.toContain(`Action probe N${stamp}`);
});

test("a cross-site sign-in attempt is refused before the form runs", async () => {
  const anonymous = await playwrightRequest.newContext({ baseURL, maxRedirects: 0 });
  const response = await anonymous.post("/login", { headers: { origin: EVIL }, form: { email: "admin@e2e.test", password: "wrong" } });
  expect(response.status()).toBe(403);
  await anonymous.dispose();
});
