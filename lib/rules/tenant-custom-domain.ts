import { missingFact, readArray } from "./domain/read";
import { cite, DOCS } from "./sources";
import { evidence, fail, pass, unknown } from "./outcome";
import { COLLECT, HINT } from "./tenant/collect";
import { readTenantDomain } from "./tenant/domains";
import { defineRule } from "./types";

const FACT = "tenant.domains";
const EXPECTED = "a custom (non-onmicrosoft) domain with isVerified true";

export default defineRule({
  meta: {
    id: "tenant-custom-domain",
    title: "At least one verified custom domain (not the initial *.onmicrosoft.com domain) is added to the tenant",
    severity: "blocker",
    scope: "tenant",
    rationale:
      "Synced users sign in with a custom domain name that matches their on-premises UPN suffix. Without a verified " +
      "custom domain, synced accounts fall back to the tenant's onmicrosoft.com name.",
    source: cite(DOCS.prerequisites, "In the Microsoft Entra admin center (step 2: custom domain names)", "in-the-microsoft-entra-admin-center"),
    otherSources: [],
    notes: [
      "The prerequisites page says \"Add one or more custom domain names to your Microsoft Entra tenant. Your users can " +
        "sign in with one of these domain names.\" It does not say \"verified\"; the rule requires isVerified because a " +
        "domain only becomes usable for sign-in after ownership verification (Microsoft Graph domain resource: " +
        "isVerified = true once verification completes, https://learn.microsoft.com/en-us/graph/api/resources/domain). " +
        "An added but unverified custom domain therefore fails, naming the domain.",
      "The initial domain is the one with isInitial = true (companyname.onmicrosoft.com, per the Graph domain resource); " +
        "any *.onmicrosoft.com or *.onmicrosoft.us domain (e.g. the mail.onmicrosoft.com routing domain) is also not custom.",
      "An empty domain list is a collection gap (every tenant has its initial domain): unknown, not fail.",
      "The rule does not check that the custom domain matches the on-premises UPN suffixes; that needs the users' UPNs.",
    ],
    remediation: {
      summary:
        "Add your organisation's domain to the tenant and verify it with the DNS record Microsoft provides.",
      steps: [
        "Add: Microsoft Entra admin center > Identity > Settings > Domain names > Add custom domain, or New-MgDomain -Id contoso.com",
        "Get the TXT record: Get-MgDomainVerificationDnsRecord -DomainId contoso.com",
        "Publish the TXT record at your DNS provider, then verify: Confirm-MgDomain -DomainId contoso.com",
        "Check: " + COLLECT.domains,
      ],
    },
  },
  evaluate: (ctx) => {
    const raw = ctx.tenant?.domains;
    const list = readArray(raw);
    if (list === undefined) return missingFact(FACT, HINT.domains, raw, "The tenant's domains");
    if (list.length === 0) {
      // Every tenant has its initial domain, so an empty list is a collection gap.
      return unknown(FACT, HINT.domains, "The list of tenant domains is empty; collect it again.");
    }
    const domains = list.map(readTenantDomain);
    const found = domains.map((d) =>
      evidence(`${FACT}[${d.index}]`, { id: d.id, custom: d.custom, isVerified: d.verified ?? null }, EXPECTED),
    );
    const verified = domains.filter((d) => d.custom && d.verified === true);
    if (verified.length > 0) return pass(`Verified custom domain(s): ${verified.map((d) => d.id).join(", ")}.`, found);
    const undecided = domains.find((d) => d.custom && d.verified === undefined);
    if (undecided) {
      return unknown(
        `${FACT}[${undecided.index}].isVerified`,
        HINT.domains,
        `No custom domain is known to be verified; the verification state of ${undecided.id} was not collected.`,
        found,
      );
    }
    const unverified = domains.filter((d) => d.custom);
    if (unverified.length > 0) {
      return fail(`Custom domain(s) added but not verified: ${unverified.map((d) => d.id).join(", ")}. Verify them with their DNS TXT record.`, found);
    }
    return fail("The tenant has only Microsoft-provided *.onmicrosoft.com domains; add and verify a custom domain.", found);
  },
  examples: [
    {
      name: "contoso.com verified next to the initial domain",
      expect: "pass",
      context: {
        asOf: "2026-08-01T00:00:00Z",
        tenant: {
          domains: [
            { id: "contoso.onmicrosoft.com", isVerified: true, isDefault: false, isInitial: true, authenticationType: "Managed" },
            { id: "contoso.com", isVerified: true, isDefault: true, isInitial: false, authenticationType: "Managed" },
          ],
        },
      },
    },
    {
      name: "custom domain added but DNS verification pending",
      expect: "fail",
      context: {
        asOf: "2026-08-01T00:00:00Z",
        tenant: {
          domains: [
            { id: "contoso.onmicrosoft.com", isVerified: true, isDefault: true, isInitial: true },
            { id: "contoso.com", isVerified: false, isDefault: false, isInitial: false },
          ],
        },
      },
    },
    {
      name: "domains not collected",
      expect: "unknown",
      context: { asOf: "2026-08-01T00:00:00Z", tenant: { tenantId: "00000000-0000-0000-0000-0000000000aa" } },
    },
  ],
});
