/** The rule table: every content rule the validator runs, in the order findings are reported. */
import type { Rule } from "../rule.ts";
import { dnsRules } from "./dns-records.ts";
import { hostingRules } from "./hosting.ts";
import { letterRules } from "./letter.ts";
import { nameRules } from "./names.ts";
import { peopleRules } from "./people.ts";

export const rules: readonly Rule[] = [
  ...nameRules,
  ...peopleRules,
  ...letterRules,
  ...hostingRules,
  ...dnsRules,
];
