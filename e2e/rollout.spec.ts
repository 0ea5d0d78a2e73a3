import { type APIRequestContext, expect, test } from "@playwright/test";
import { SCREENSHOT_DIR, storageStatePath } from "./support/accounts";
import { tokenFor } from "./support/roles";

// The rollout (issue "Rollout for project leads"), against the demo fleet loaded by fresh.spec.ts: a lead
// creates a wave, assigns servers by filter and one by one, waives a warning, watches the gate turn from
// no-go to go, and marks the servers installed; a viewer can read all of it and change none of it.
// Concrete servers are found through the API, never hard-coded.

const RUN = Date.now().toString(36);
const UNSTICK_HEADER = "body > div > header { position: static !important; }";

interface ListedServer {
  fqdn: string;
  name: string;
  domain: string;
  conditionRuleIds: string[];
  blockingRuleIds: string[];
  rollout: { version: number; wave: { id: string } | null };
}

async function apiServers(request: APIRequestContext, query: string): Promise<ListedServer[]> {
  const response = await request.get(`/api/servers?${query}&pageSize=500`, { headers: { Authorization: `Bearer ${tokenFor("lead")}` } });
  expect(response.status()).toBe(200);
  return ((await response.json()) as { servers: ListedServer[] }).servers;
}

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

test.describe("a project lead drives a wave", () => {
  test.use({ storageState: storageStatePath("lead") });

  test("create a wave, assign by filter, waive a warning, the gate turns go, mark installed", async ({ page, request }) => {
    // The demo's ready server, and a server of its domain whose only failing rule is one host warning.
    const [ready] = await apiServers(request, "readiness=ready");
    expect(ready, "the demo fleet has a ready server").toBeDefined();
    const candidates = await apiServers(request, `readiness=ready-with-conditions&domain=${encodeURIComponent(ready!.domain)}`);
    const warned = candidates.find((s) => s.conditionRuleIds.length === 1 && s.conditionRuleIds[0]!.startsWith("host-") && !s.rollout.wave);
    expect(warned, "a server with exactly one failing host warning").toBeDefined();
    const warningRule = warned!.conditionRuleIds[0]!;
    const waveName = `Pilot ${RUN}`;

    // 1. Create the wave.
    await page.goto("/rollout");
    await expect(page.getByRole("heading", { level: 1, name: "Rollout" })).toBeVisible();
    const create = page.getByRole("form", { name: "Create a wave" });
    await create.getByLabel("Name").fill(waveName);
    await create.getByLabel("Owner").fill("Lena Lead");
    await create.getByLabel("Window starts").fill(inDays(1));
    await create.getByLabel("Window ends").fill(inDays(14));
    await create.getByRole("button", { name: "Create wave" }).click();
    await expect(create.getByRole("status")).toHaveText(`Created ${waveName}.`);
    const wavesTable = page.getByRole("table", { name: "Rollout waves in order" });
    const waveLink = wavesTable.getByRole("link", { name: waveName });
    await expect(waveLink).toBeVisible();
    const waveRow = wavesTable.getByRole("row").filter({ has: page.getByRole("link", { name: waveName }) });
    await expect(waveRow).toContainText("No-go");
    const waveHref = (await waveLink.getAttribute("href"))!;
    const waveId = decodeURIComponent(waveHref.split("/").at(-1)!);

    // 2. Assign every server matching a filter (here: every ready server) from the servers list.
    await page.goto("/servers?readiness=ready");
    const byFilter = page.getByRole("form", { name: "Change the rollout of the matching server" });
    await byFilter.getByLabel("Wave").selectOption({ label: waveName });
    await byFilter.getByLabel("Status").selectOption("scheduled");
    await byFilter.getByLabel("Target date").fill(inDays(7));
    await byFilter.getByRole("button", { name: "Apply to 1 server" }).click();
    await expect(byFilter.getByRole("status")).toHaveText("Changed 1 server.");

    // 3. Add one more server from its own page.
    await page.goto(`/servers/${encodeURIComponent(warned!.fqdn)}`);
    const rolloutForm = page.getByRole("form", { name: "Rollout of this server" });
    await rolloutForm.getByLabel("Wave").selectOption({ label: waveName });
    await rolloutForm.getByLabel("Status").selectOption("scheduled");
    await rolloutForm.getByLabel("Target date").fill(inDays(8));
    await rolloutForm.getByRole("button", { name: "Save rollout" }).click();
    await expect(rolloutForm.getByRole("status")).toHaveText(`Saved the rollout of ${warned!.name}.`);

    // 4. The gate is no-go, and says exactly why: that server's unwaived failing warning.
    await page.goto(waveHref);
    await expect(page.getByRole("heading", { level: 1, name: waveName })).toBeVisible();
    const gate = page.locator("section", { has: page.locator("#gate-heading") });
    await expect(gate).toContainText("No-go");
    const blockers = gate.getByRole("table", { name: "Servers and rules that stop the gate" });
    await expect(blockers.locator("tbody tr")).toHaveCount(1);
    await expect(blockers.locator("tbody tr")).toContainText(warned!.name);
    await expect(blockers.locator("tbody tr")).toContainText(warningRule);
    await expect(blockers.locator("tbody tr")).toContainText("Warning fails (not waived)");
    await expect(blockers.getByRole("link", { name: "Remediation" })).toHaveAttribute("href", `/rules/${warningRule}#remediation`);
    await page.addStyleTag({ content: UNSTICK_HEADER });
    await page.screenshot({ path: `${SCREENSHOT_DIR}/rollout-wave-no-go.png`, fullPage: true });

    // 5. Waive the warning on the server page (a lead may accept a warning's risk).
    await blockers.getByRole("link", { name: warned!.name }).click();
    const card = page.locator(`#result-${warningRule}`);
    await card.getByText("Accept risk (waive)…").click();
    await card.getByLabel("Reason").fill(`Accepted for the pilot (${RUN}); fixed in the January change window.`);
    await card.getByLabel(/^Expires/).fill(inDays(30));
    await card.getByRole("button", { name: "Waive" }).click();
    // The result is re-rendered as waived (the form gives way to who accepted it and until when).
    await expect(page.locator(`#result-${warningRule}`)).toContainText(/Waived by lead@e2e\.test until/);
    await page.reload();
    await expect(page.locator(`#result-${warningRule}`)).toContainText(/Waived by lead@e2e\.test until/);

    // 6. The gate turns go, and says the waived result was accepted; the change is explained.
    await page.goto(waveHref);
    await expect(gate).toContainText("Go");
    await expect(gate).not.toContainText("No-go");
    await expect(gate).toContainText("1 server has waived results");
    await expect(gate).toContainText("Last changed");
    await page.addStyleTag({ content: UNSTICK_HEADER });
    await page.screenshot({ path: `${SCREENSHOT_DIR}/rollout-wave-go.png`, fullPage: true });

    // 7. Mark both installed from the servers list (select the page, one bulk change).
    await page.goto(`/servers?wave=${encodeURIComponent(waveId)}`);
    await page.getByLabel("Select all servers on this page").check();
    const bySelection = page.getByRole("form", { name: "Change the rollout of the selected servers" });
    await bySelection.getByLabel("Status").selectOption("installed");
    await bySelection.getByRole("button", { name: "Apply to 2 selected" }).click();
    await expect(bySelection.getByRole("status")).toHaveText("Changed 2 servers.");
    await expect(page.getByRole("table", { name: /^Servers/ }).locator("tbody")).toContainText("Installed");

    // 8. The wave's progress counts them, the wave list shows the counts, the audit log has the story.
    await page.goto(waveHref);
    const progress = page.getByRole("list", { name: `${waveName}: servers per rollout status` });
    await expect(progress.getByRole("listitem").filter({ hasText: "Installed" })).toContainText("2");
    await expect(page.getByText("2 of 2 servers installed")).toBeVisible();
    await page.goto("/rollout");
    const listed = page.getByRole("table", { name: "Rollout waves in order" }).getByRole("row").filter({ has: page.getByRole("link", { name: waveName }) });
    await expect(listed).toContainText("2 Installed");
    await page.addStyleTag({ content: UNSTICK_HEADER });
    await page.screenshot({ path: `${SCREENSHOT_DIR}/rollout-waves.png`, fullPage: true });
    await page.goto(`/audit?targetId=${encodeURIComponent(warned!.fqdn)}`);
    const audit = page.getByRole("table").first();
    await expect(audit).toContainText("rollout.assign");
    await expect(audit).toContainText("rollout.update");
  });

  test("a stale edit is refused with who changed it (API, 409)", async ({ request }) => {
    const headers = { Authorization: `Bearer ${tokenFor("lead")}` };
    const created = await request.post("/api/waves", { headers, data: { name: `Stale ${RUN}`, description: "409 check" } });
    expect(created.status()).toBe(201);
    const wave = (await created.json()) as { id: string; version: number };
    const first = await request.patch(`/api/waves/${wave.id}`, { headers, data: { version: wave.version, description: "first edit" } });
    expect(first.status()).toBe(200);
    const second = await request.patch(`/api/waves/${wave.id}`, { headers, data: { version: wave.version, description: "second edit" } });
    expect(second.status()).toBe(409);
    const body = (await second.json()) as { error: { code: string; changedBy: string; current: { description: string; version: number } } };
    expect(body.error).toMatchObject({ code: "stale-version", changedBy: "token:e2e lead", current: { description: "first edit", version: wave.version + 1 } });
    const detail = await request.get(`/api/waves/${wave.id}`, { headers: { Authorization: `Bearer ${tokenFor("viewer")}` } });
    expect(detail.status()).toBe(200);
    expect(((await detail.json()) as { gate: { status: string; blockers: { kind: string }[] } }).gate).toMatchObject({ status: "no-go", blockers: [{ kind: "empty" }] });
  });
});

test.describe("a viewer reads the rollout", () => {
  test.use({ storageState: storageStatePath("viewer") });

  test("sees waves, gates and a server's rollout, and has no control to change them", async ({ page, request }) => {
    await page.goto("/rollout");
    await expect(page.getByRole("table", { name: "Rollout waves in order" })).toBeVisible();
    await expect(page.getByRole("form", { name: "Create a wave" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: /^Move / })).toHaveCount(0);
    const firstWave = page.getByRole("table", { name: "Rollout waves in order" }).locator("tbody th a").first();
    await firstWave.click();
    await expect(page.locator("#gate-heading")).toBeVisible();
    await expect(page.getByRole("form", { name: /^Edit / })).toHaveCount(0);
    await expect(page.getByRole("button", { name: /^Archive / })).toHaveCount(0);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/rollout-wave-viewer.png`, fullPage: true });

    const [server] = await apiServers(request, "sort=name");
    await page.goto(`/servers/${encodeURIComponent(server!.fqdn)}`);
    await expect(page.getByText("Project leads and admins plan the rollout; your role can read it.")).toBeVisible();
    await expect(page.getByRole("form", { name: "Rollout of this server" })).toHaveCount(0);
    await expect(page.getByText("Accept risk (waive)…")).toHaveCount(0);
    await page.goto("/servers");
    await page.getByLabel("Select all servers on this page").check();
    await expect(page.getByRole("form", { name: "Change the rollout of the selected servers" })).toHaveCount(0);

    const viewer = { Authorization: `Bearer ${tokenFor("viewer")}` };
    const patch = await request.patch(`/api/servers/${encodeURIComponent(server!.fqdn)}/rollout`, { headers: viewer, data: { status: "blocked", version: server!.rollout.version } });
    expect(patch.status()).toBe(403);
    const bulk = await request.post("/api/rollout/bulk", { headers: viewer, data: { selection: { servers: [server!.fqdn] }, change: { status: "blocked" } } });
    expect(bulk.status()).toBe(403);
    const audit = await request.get("/api/audit", { headers: viewer });
    expect(audit.status()).toBe(403);
  });
});
