import { expect, test } from "vitest";
test("database url is isolated per run", () => {
  expect(process.env.DATABASE_URL).toMatch(/portcullis_test_/);
});
