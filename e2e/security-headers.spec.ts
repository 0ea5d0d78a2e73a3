import { expect, test, type Page } from "@playwright/test";
import { storageStatePath } from "./support/accounts";
import { tokenFor } from "./support/roles";
import { PAGE_ROUTES } from "./route-matrix";

// Content-Security-Policy and HSTS (proxy.ts, lib/security/, decision 013): every page of the route matrix loads,
// hydrates and runs with no CSP violation; every script on it carries the response's nonce; nonces differ per
// request; API routes get the deny-all policy; no HSTS over plain HTTP.

// The other specs bypass the CSP (playwright.config.ts); this one must see it enforced.
test.use({ bypassCSP: false });

declare global {
  interface Window {
    __cspViolations?: string[];
  }
}

/** Records every securitypolicyviolation event from the first byte of every document the page opens. */
async function watchViolations(page: Page): Promise<string[]> {
  const problems: string[] = [];
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener("securitypolicyviolation", (event) => {
      window.__cspViolations!.push(`${event.effectiveDirective} blocked ${event.blockedURI || "inline"} (${event.sourceFile}:${event.lineNumber})`);
    });
  });
  page.on("console", (message) => {
    if (/Content Security Policy|Content-Security-Policy/i.test(message.text())) problems.push(`console: ${message.text()}`);
  });
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  return problems;
}

/** Opens `path` and checks: a page policy with a nonce, every script of the HTML nonced, React hydrated, no violation. */
async function expectCleanLoad(page: Page, problems: string[], path: string, okStatuses: number[]) {
  const response = await page.goto(path);
  expect(response, path).not.toBeNull();
  expect(okStatuses, `${path} answered ${response!.status()}`).toContain(response!.status());
  const policy = response!.headers()["content-security-policy"] ?? "";
  const nonce = /'nonce-([^']+)'/.exec(policy)?.[1];
  expect(nonce, `${path}: a nonce in "${policy}"`).toBeTruthy();
  expect(policy, path).toContain("'strict-dynamic'");
  expect(policy, path).not.toContain("unsafe-eval");
  expect(response!.headers()["strict-transport-security"], `${path}: HSTS over plain HTTP`).toBeUndefined();

  // Every <script> of the server's HTML carries the nonce (the chunks those load are trusted by 'strict-dynamic').
  const html = await response!.text();
  const scriptTags = html.match(/<script\b[^>]*>/g) ?? [];
  expect(scriptTags.length, path).toBeGreaterThan(0);
  for (const tag of scriptTags) expect(tag, `${path}: ${tag} carries the nonce`).toContain(`nonce="${nonce}"`);

  // React hydrated the document: Next's scripts ran under the policy.
  await page.waitForFunction(() => Object.keys(document.body).some((key) => key.startsWith("__reactFiber")), undefined, { timeout: 15_000 });

  const violations = await page.evaluate(() => window.__cspViolations ?? []);
  expect([...violations, ...problems], `${path}: CSP violations or page errors`).toEqual([]);
}

/** Real ids for the dynamic routes (a server, an upload, a wave of the demo fleet) where there are some. */
async function concretePaths(page: Page): Promise<{ path: string; ok: number[] }[]> {
  const headers = { Authorization: `Bearer ${tokenFor("admin")}` };
  const servers = (await (await page.request.get("/api/servers?pageSize=1", { headers })).json()) as { servers?: { fqdn: string }[] };
  const uploads = (await (await page.request.get("/api/uploads", { headers })).json()) as { uploads?: { id: string }[] };
  const waves = (await (await page.request.get("/api/waves", { headers })).json()) as { waves?: { id: string }[] };
  const server = servers.servers?.[0]?.fqdn;
  const upload = uploads.uploads?.[0]?.id;
  const wave = waves.waves?.[0]?.id;
  const paths = PAGE_ROUTES.filter((entry) => entry.route !== "/login").map((entry) => ({
    path: entry.sample,
    ok: [200, ...(entry.allowedStatuses ?? [])],
  }));
  // The fresh project loaded the demo fleet: there are servers and uploads (waves only if a spec made one).
  expect(server, "a server of the demo fleet").toBeTruthy();
  expect(upload, "an upload of the demo fleet").toBeTruthy();
  paths.push({ path: `/servers/${encodeURIComponent(server!)}`, ok: [200] }, { path: `/uploads/${upload}`, ok: [200] });
  if (wave) paths.push({ path: `/rollout/waves/${wave}`, ok: [200] });
  return paths;
}

test.describe("signed in as an admin", () => {
  test.use({ storageState: storageStatePath("admin") });

  test("every page loads with its nonce and no CSP violation", async ({ page }) => {
    test.setTimeout(180_000);
    const problems = await watchViolations(page);
    const paths = await concretePaths(page);
    for (const { path, ok } of paths) await expectCleanLoad(page, problems, path, ok);
  });

  test("client-side navigation, the theme script and the theme toggle work under the policy", async ({ page }) => {
    const problems = await watchViolations(page);
    await page.emulateMedia({ colorScheme: "dark" });
    await expectCleanLoad(page, problems, "/", [200]);
    // The inline theme script ran (only its nonce lets it): the system's dark scheme is applied before paint.
    await expect(page.locator("html")).toHaveClass(/dark/);
    await page.getByRole("button", { name: "Switch to light theme" }).click();
    await expect(page.locator("html")).not.toHaveClass(/dark/);
    // A client-side navigation fetches the next page's RSC payload and chunks (connect-src, strict-dynamic).
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Servers", exact: true }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Servers" })).toBeVisible();
    expect([...(await page.evaluate(() => window.__cspViolations ?? [])), ...problems]).toEqual([]);
  });
});

test("the sign-in page and the 401 page load with no CSP violation", async ({ page }) => {
  const problems = await watchViolations(page);
  await expectCleanLoad(page, problems, "/login", [200]);
  await expectCleanLoad(page, problems, "/servers", [401]);
});

test("each page response has its own nonce", async ({ request }) => {
  const nonces = [];
  for (let i = 0; i < 2; i++) {
    const response = await request.get("/login");
    nonces.push(/'nonce-([^']+)'/.exec(response.headers()["content-security-policy"] ?? "")?.[1]);
  }
  expect(nonces[0]).toBeTruthy();
  expect(nonces[1]).toBeTruthy();
  expect(nonces[0]).not.toBe(nonces[1]);
});

test("API routes get the deny-all policy, and no HSTS over plain HTTP", async ({ request }) => {
  const health = await request.get("/api/health");
  expect(health.headers()["content-security-policy"]).toBe("default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'");
  expect(health.headers()["strict-transport-security"]).toBeUndefined();
  expect(health.headers()["x-content-type-options"]).toBe("nosniff");
});

test("a client's own X-Forwarded-Proto does not earn HSTS (no trusted proxy is configured)", async ({ request }) => {
  const response = await request.get("/login", { headers: { "X-Forwarded-Proto": "https" } });
  expect(response.status()).toBe(200);
  expect(response.headers()["strict-transport-security"]).toBeUndefined();
});
