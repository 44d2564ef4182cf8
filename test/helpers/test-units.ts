// Each test makes its own unit, so test files can run in parallel against one
// database without seeing each other's data.
import { randomBytes } from "node:crypto";
import type { Services } from "../../core/services.js";
import { installProfile } from "../../core/profiles/install-profile.js";
import { loadBaselineProfile } from "../../core/profiles/baseline-profile.js";

export interface TestUnit {
  id: string;
  code: string;
}

export async function createTestUnit(services: Pick<Services, "prisma">, locode = "BEANR"): Promise<TestUnit> {
  const code = `${locode}-${randomBytes(4).toString("hex").toUpperCase().replace(/[01]/g, "7").slice(0, 6)}`;
  const unit = await services.prisma.controlUnit.create({
    data: { code, locode, name: `Test unit ${code}`, country: locode.slice(0, 2), kind: "seaport" },
  });
  return { id: unit.id, code: unit.code };
}

export async function createUnitWithBaseline(services: Pick<Services, "prisma" | "pool">, locode = "BEANR"): Promise<TestUnit & { versionId: string }> {
  const unit = await createTestUnit(services, locode);
  const { versionId } = await installProfile(services, unit.id, await loadBaselineProfile(), { activate: true, createdBy: "test" });
  return { ...unit, versionId };
}
