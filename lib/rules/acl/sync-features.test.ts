import { describe, expect, it } from "vitest";
import type { RuleContext } from "@/lib/rules/types";
import { EXAMPLE_AS_OF, EXAMPLE_DOMAIN } from "./examples";
import { domainNameOf, syncFeatures } from "./sync-features";

const ctx = (parts: Omit<RuleContext, "asOf">): RuleContext => ({ asOf: EXAMPLE_AS_OF, ...parts });

describe("syncFeatures", () => {
  it("without scope facts: PHS on (default), writeback off (opt-in)", () => {
    expect(syncFeatures(ctx({ domain: EXAMPLE_DOMAIN }))).toMatchObject({ scopeCollected: false, passwordHashSync: true, passwordWriteback: false });
  });

  it("reads only this domain's configurations", () => {
    const features = syncFeatures(
      ctx({
        domain: EXAMPLE_DOMAIN,
        scope: {
          configurations: [
            { name: "corp", domain: "CORP.contoso.com", passwordHashSync: false, passwordWriteback: true },
            { name: "emea", domain: "emea.contoso.com", passwordHashSync: true, passwordWriteback: false },
          ],
        },
      }),
    );
    expect(features).toMatchObject({ configurations: ["corp"], passwordHashSync: false, passwordWriteback: true, domainNotConfigured: false });
  });

  it("keeps PHS on by default for a domain with no configuration", () => {
    const features = syncFeatures(ctx({ domain: EXAMPLE_DOMAIN, scope: { configurations: [{ name: "emea", domain: "emea.contoso.com", passwordHashSync: false }] } }));
    expect(features).toMatchObject({ domainNotConfigured: true, passwordHashSync: true, passwordWriteback: false });
  });

  it("uses every configuration when the domain cannot be matched", () => {
    const features = syncFeatures(ctx({ scope: { configurations: [{ name: "a", passwordWriteback: true }] } }));
    expect(features).toMatchObject({ domainName: null, configurations: ["a"], passwordWriteback: true });
  });

  it("derives the domain from the ACL's DN when domain facts are absent", () => {
    expect(domainNameOf(ctx({ acl: { targetDn: "DC=Corp,DC=Contoso,DC=com" } }))).toBe("corp.contoso.com");
  });

  it("ignores malformed configurations", () => {
    const features = syncFeatures(ctx({ scope: { configurations: [null, 5, { passwordWriteback: "yes" }] } as never }));
    expect(features).toMatchObject({ scopeCollected: true, passwordHashSync: true, passwordWriteback: false });
  });
});
