import { evidence, fail, pass } from "@/lib/rules/outcome";
import { defineRule, type Evidence, type RuleContext, type RuleOutcome } from "@/lib/rules/types";
import { hostContext } from "./host/examples";
import { constantUnknown } from "./host/frozen";
import { own, readNumber } from "./host/read";
import { hostCollect, prerequisites, SECTION } from "./host/sources";

const GIB = 1024 ** 3;
/** 4 GiB = 4,294,967,296 bytes: the documented minimum ("a minimum of 4-GB RAM"). */
export const MIN_INSTALLED_BYTES = 4 * GIB;
/**
 * 3.75 GiB = 4,026,531,840 bytes: the least *visible* memory accepted as 4 GiB installed. Windows reports
 * less visible memory (Win32_ComputerSystem.TotalPhysicalMemory) than is installed, because firmware and
 * hardware reservations keep part of it (typically tens to a few hundred MiB); 0.25 GiB of slack covers
 * those without accepting a machine with less than 4 GiB installed that the installed figure would fail
 * (a 3.5 GiB machine fails either way).
 */
export const MIN_VISIBLE_BYTES = 3.75 * GIB;

const COLLECT = hostCollect(`Get-ComputerInfo -Property CsTotalPhysicalMemory, CsPhysicallyInstalledMemory`);

function gib(bytes: number): string {
  const value = bytes / GIB;
  // Whole GiB (most installed sizes): the same text as toFixed(2), without the float formatting.
  if (Number.isSafeInteger(value) && value < 1e15) return `${value}.00 GiB`;
  return `${value.toFixed(2)} GiB`;
}

const NOT_COLLECTED = constantUnknown("host.memory.totalPhysicalBytes", COLLECT, "The server's memory size was not collected.");
const VISIBLE_EXPECTED = `judged (installed memory not collected): >= ${MIN_VISIBLE_BYTES} bytes (3.75 GiB visible counts as 4 GiB installed)`;
const VISIBLE_NOT_JUDGED = "not judged: installed memory was collected and decides";
const INSTALLED_EXPECTED = `judged: >= ${MIN_INSTALLED_BYTES} bytes (4 GiB installed)`;
const INSTALLED_PASS = " of memory is installed (minimum 4 GiB). Judged by installed memory.";

/** Memory sizes servers are sold with, in GiB: their installed-memory message and evidence are built once. */
const COMMON_GIB = [1, 2, 3, 4, 6, 8, 12, 16, 20, 24, 32, 40, 48, 64, 96, 128, 192, 256, 384, 512, 768, 1024, 1536, 2048];

interface InstalledText {
  message: string;
  found: Evidence;
}

function installedText(installed: number): InstalledText {
  return {
    message:
      installed >= MIN_INSTALLED_BYTES
        ? gib(installed) + INSTALLED_PASS
        : `Only ${gib(installed)} of memory is installed; the agent needs at least 4 GiB. Judged by installed memory.`,
    found: evidence("host.memory.installedBytes", installed, INSTALLED_EXPECTED),
  };
}

const COMMON_INSTALLED = new Map<number, InstalledText>(
  COMMON_GIB.map((size) => {
    const text = installedText(size * GIB);
    Object.freeze(text.found);
    return [size * GIB, Object.freeze(text)];
  }),
);

function readBytes(value: unknown): number | undefined {
  const bytes = readNumber(value);
  return bytes !== undefined && bytes >= 0 ? bytes : undefined;
}

function evaluate(ctx: RuleContext): RuleOutcome {
  const memory = own(own(ctx, "host"), "memory");
  const installed = readBytes(own(memory, "installedBytes"));
  const visible = readBytes(own(memory, "totalPhysicalBytes"));
  if (installed !== undefined) {
    const { message, found } = COMMON_INSTALLED.get(installed) ?? installedText(installed);
    const visibleEvidence = evidence("host.memory.totalPhysicalBytes", visible ?? null, VISIBLE_NOT_JUDGED);
    return installed >= MIN_INSTALLED_BYTES ? pass(message, [found, visibleEvidence]) : fail(message, [found, visibleEvidence]);
  }
  if (visible !== undefined) {
    const visibleEvidence = evidence("host.memory.totalPhysicalBytes", visible, VISIBLE_EXPECTED);
    const installedEvidence = evidence("host.memory.installedBytes", null, "not collected; visible memory judged instead");
    if (visible >= MIN_VISIBLE_BYTES) {
      return pass(
        `${gib(visible)} of memory is visible to Windows, which counts as 4 GiB installed (visible >= 3.75 GiB; Windows reserves some). Judged by visible memory: installed memory was not collected.`,
        [visibleEvidence, installedEvidence],
      );
    }
    return fail(
      `Only ${gib(visible)} of memory is visible to Windows, below the 3.75 GiB that counts as 4 GiB installed; the agent needs at least 4 GiB. Judged by visible memory: installed memory was not collected.`,
      [visibleEvidence, installedEvidence],
    );
  }
  return NOT_COLLECTED();
}

export default defineRule({
  meta: {
    id: "host-memory",
    title: "The agent server has at least 4 GB of RAM",
    severity: "blocker",
    scope: "host",
    rationale: "The cloud sync prerequisites require a host with a minimum of 4 GB of RAM.",
    source: prerequisites(SECTION.onPremises),
    notes: [
      "Installed memory (host.memory.installedBytes, from CsPhysicallyInstalledMemory) passes at >= 4 GiB (4,294,967,296 bytes).",
      "When only the memory visible to Windows is known (host.memory.totalPhysicalBytes, Win32_ComputerSystem.TotalPhysicalMemory), it is slightly below installed memory because Windows and the firmware reserve some; >= 3.75 GiB (4,026,531,840 bytes) visible counts as 4 GiB installed. The tolerance is this project's choice, not Microsoft's; it is kept small so that both figures give the same answer for the same machine (a machine with 3.5 GiB installed fails either way).",
      "Installed memory, when known, decides: a visible figure never overrides an installed figure. The message and the evidence say which figure was judged.",
    ],
    remediation: {
      summary: "Give the server at least 4 GB of RAM (more for large directories), then re-collect its facts.",
      steps: [
        "Virtual machine: raise the assigned memory to 4096 MB or more (with dynamic memory, set the minimum/startup memory to at least 4096 MB).",
        "Physical server: install additional memory modules.",
      ],
    },
  },
  evaluate,
  remediationScript: () => null,
  examples: [
    {
      name: "8 GB virtual machine",
      expect: "pass",
      context: hostContext({ memory: { installedBytes: 8 * GIB, totalPhysicalBytes: 8_589_463_552 } }),
    },
    {
      name: "2 GB virtual machine",
      expect: "fail",
      context: hostContext({ memory: { installedBytes: 2 * GIB, totalPhysicalBytes: 2_146_938_880 } }),
    },
    {
      name: "4 GB virtual machine reporting only visible memory (3.9 GiB visible)",
      expect: "pass",
      context: hostContext({ memory: { totalPhysicalBytes: 4_187_332_608 } }),
    },
    {
      name: "only 3.5 GiB visible (less than 4 GiB installed)",
      expect: "fail",
      context: hostContext({ memory: { totalPhysicalBytes: 3_758_096_384 } }),
    },
    { name: "memory not collected", expect: "unknown", context: hostContext({}) },
  ],
});
