import { describe, expect, it } from "vitest";
import { patchAt, toBillingDraft, toBillingInput } from "./billing-draft";

const stored = {
  currency: "EUR",
  cpuHourRate: 0.1,
  gridIntensity: null,
  gpuRates: [{ pattern: "H100", hourlyRate: 2.5 }],
  runners: [{ runnerId: "r1", name: "box", gpuNames: ["H100"], hourlyRate: null, gridIntensity: 300 }],
  canEdit: true,
} as unknown as Parameters<typeof toBillingDraft>[0];

describe("billing draft", () => {
  it("shows unset numbers as empty fields and round-trips the stored settings", () => {
    const d = toBillingDraft(stored);
    expect(d).toMatchObject({ cpuHourRate: "0.1", gridIntensity: "", gpuRates: [{ pattern: "H100", hourlyRate: "2.5" }] });
    expect(d.runners[0]).toMatchObject({ hourlyRate: "", gridIntensity: "300" });
    expect(toBillingInput("acme", d)).toEqual({
      org: "acme",
      currency: "EUR",
      cpuHourRate: 0.1,
      gridIntensity: null,
      gpuRates: [{ pattern: "H100", hourlyRate: 2.5 }],
      runners: [{ runnerId: "r1", hourlyRate: null, gridIntensity: 300 }],
    });
  });

  it("drops GPU rates without a pattern and reads empty rates as 0", () => {
    const d = { ...toBillingDraft(stored), cpuHourRate: "", gpuRates: [{ pattern: " ", hourlyRate: "9" }, { pattern: "A100", hourlyRate: "" }] };
    expect(toBillingInput("acme", d)).toMatchObject({ cpuHourRate: 0, gpuRates: [{ pattern: "A100", hourlyRate: 0 }] });
  });

  it("patches one row", () => {
    expect(patchAt([{ a: 1 }, { a: 2 }], 1, { a: 3 })).toEqual([{ a: 1 }, { a: 3 }]);
  });
});
