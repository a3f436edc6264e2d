/** Every request rule, in the order their findings are most useful to an applicant. */
import type { Rule } from "../rule.ts";

export const rules: readonly Rule[] = [];
