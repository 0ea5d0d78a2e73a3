import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { API_ROUTES, PAGE_ROUTES } from "./route-matrix";

const APP_DIR = path.resolve("app");

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? walk(full) : [full];
  });
}

/** app/servers/[name]/page.tsx -> /servers/[name]; route groups "(x)" are dropped. */
function routeOf(file: string): string {
  const segments = path.relative(APP_DIR, path.dirname(file)).split(path.sep).filter((s) => s && !/^\(.*\)$/.test(s));
  return `/${segments.join("/")}`;
}

const files = walk(APP_DIR);

describe("route matrix covers the app", () => {
  it("lists every page and no page that does not exist", () => {
    const pages = files.filter((f) => /\/page\.tsx?$/.test(f)).map(routeOf).sort();
    expect(PAGE_ROUTES.map((r) => r.route).sort()).toEqual(pages);
  });

  it("lists every route handler method and nothing else", () => {
    const handlers = files
      .filter((f) => /\/route\.tsx?$/.test(f))
      .flatMap((f) => {
        const source = readFileSync(f, "utf8");
        const methods = [...source.matchAll(/export\s+(?:const|async function|function)\s+(GET|POST|PUT|PATCH|DELETE)\b/g)].map((m) => m[1]);
        return methods.map((method) => `${method} ${routeOf(f)}`);
      })
      .sort();
    expect(API_ROUTES.map((r) => `${r.method} ${r.route}`).sort()).toEqual(handlers);
  });

  it("has every route handler go through apiRoute() unless it is public", () => {
    for (const entry of API_ROUTES.filter((r) => r.access !== "public")) {
      const file = files.find((f) => /\/route\.tsx?$/.test(f) && routeOf(f) === entry.route);
      const source = readFileSync(file!, "utf8");
      expect(source, `${entry.method} ${entry.route}`).toMatch(new RegExp(`export const ${entry.method} = apiRoute\\(\\s*"${entry.access}"`));
    }
  });

  it("has every page check its permission with requirePage() unless it is public", () => {
    for (const entry of PAGE_ROUTES.filter((r) => r.access !== "public")) {
      const file = files.find((f) => /\/page\.tsx?$/.test(f) && routeOf(f) === entry.route);
      expect(readFileSync(file!, "utf8"), entry.route).toContain(`await requirePage("${entry.access}")`);
    }
  });

  it("builds every server action with defineAction() (sign-in alone is public)", () => {
    const actionFiles = [...files, ...walk(path.resolve("lib")), ...walk(path.resolve("components"))].filter(
      (f) => /\.(ts|tsx)$/.test(f) && /^\s*["']use server["'];?/m.test(readFileSync(f, "utf8").split("\n").slice(0, 3).join("\n")),
    );
    expect(actionFiles.length).toBeGreaterThan(0);
    for (const file of actionFiles) {
      const source = readFileSync(file, "utf8");
      const exports = [...source.matchAll(/^export\s+(?:async\s+)?(const|function|let|var|default)\s*(\w*)/gm)];
      for (const [, kind, name] of exports) {
        expect(kind, `${file}: ${name}`).toBe("const");
        const wrapped = new RegExp(`export const ${name} = (defineAction|definePublicAction)\\(`).test(source);
        expect(wrapped, `${path.relative(".", file)}: ${name} must be built with defineAction()`).toBe(true);
      }
      const publicOnes = [...source.matchAll(/export const (\w+) = definePublicAction\(/g)].map((m) => m[1]);
      expect(publicOnes.every((n) => n === "signInAction"), `${file}: only signInAction may be public`).toBe(true);
    }
  });
});
