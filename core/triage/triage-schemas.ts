// What officers send to decide on a container and to assign it.
import { z } from "zod";

export const decisionSchema = z.strictObject({
  /** Inspected is reached by recording the inspection, never set by hand. */
  decision: z.enum(["hold", "released", "none"], { message: "expected hold, released or none (inspected is set by recording the inspection)" }),
  note: z.string().trim().max(1000, "at most 1000 characters").optional(),
  /** The state the officer saw: a decision taken meanwhile by a colleague is not overwritten. */
  expected: z.enum(["none", "hold", "released", "inspected"]).optional(),
});
export type DecisionInput = z.infer<typeof decisionSchema>;

export const assignmentSchema = z.strictObject({
  assigneeId: z.uuid("expected a user id").nullable(),
});
export type AssignmentInput = z.infer<typeof assignmentSchema>;
