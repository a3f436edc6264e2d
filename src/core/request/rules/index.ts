/** The rule table: every content rule the validator runs, grouped as `docs/rules.md` shows them. */

import type { Message } from "../../types.ts";
import type { Rule } from "../rule.ts";
import { dnsRules } from "./dns-records.ts";
import { hostingRules } from "./hosting.ts";
import { hostingAccountRules } from "./hosting-account.ts";
import { imporRules } from "./impor.ts";
import { letterRules } from "./letter.ts";
import { nameRules } from "./names.ts";
import { peopleRules } from "./people.ts";

export interface RuleGroup {
  title: Message;
  rules: readonly Rule[];
}

export const ruleGroups: readonly RuleGroup[] = [
  { title: { id: "Nama yang diminta", en: "The requested name" }, rules: nameRules },
  {
    title: { id: "Penanggung jawab dan pengelola", en: "Responsible official and admin" },
    rules: peopleRules,
  },
  { title: { id: "Surat dan masa berlaku", en: "Letter and validity" }, rules: letterRules },
  { title: { id: "Hosting", en: "Hosting" }, rules: hostingRules },
  { title: { id: "Akun hosting", en: "Hosting account" }, rules: hostingAccountRules },
  { title: { id: "Catatan DNS", en: "DNS records" }, rules: dnsRules },
  { title: { id: "Impor dari zona yang ada", en: "Imported from an existing zone" }, rules: imporRules },
];

export const rules: readonly Rule[] = ruleGroups.flatMap((g) => g.rules);

/** The governance data each policy-driven rule reads (for `docs/rules.md`). */
export const ruleConfiguration: Readonly<Record<string, readonly string[]>> = {
  "subdomain-too-long": ["governance/policy.yaml (zone)"],
  "subdomain-idn": ["governance/policy.yaml (allowIdn)"],
  "subdomain-reserved": ["governance/reserved.yaml", "governance/namespaces.yaml"],
  "subdomain-existing": ["governance/existing.yaml"],
  "subdomain-parent": ["governance/namespaces.yaml", "governance/existing.yaml"],
  "namespace-jenis-mismatch": ["governance/namespaces.yaml"],
  "email-not-official": ["governance/policy.yaml (officialEmailDomains)"],
  "kegiatan-end-missing": ["governance/policy.yaml (kegiatanMaxDays)"],
  "kegiatan-end-range": ["governance/policy.yaml (kegiatanMaxDays)"],
  "dns-name-invalid": ["governance/policy.yaml (zone, allowIdn)"],
  "dns-name-reserved": ["governance/reserved.yaml", "governance/namespaces.yaml"],
  "dns-name-existing": ["governance/existing.yaml"],
  "dns-name-namespace": ["governance/namespaces.yaml"],
  "dns-cname-forbidden": ["governance/policy.yaml (forbiddenCnameSuffixes)"],
  "dns-target-takeover-prone": [
    "src/core/request/data/takeover-suffixes.json",
    "governance/policy.yaml (takeoverAllowed)",
  ],
  "dns-cname-self": ["governance/policy.yaml (zone)"],
  "tls-certificate-depth": ["governance/policy.yaml (zone)"],
  "hosting-account-server-unknown": ["Pulumi.<stack>.yaml (domainops:hostingServers)"],
  "hosting-account-package-unknown": ["Pulumi.<stack>.yaml (domainops:hostingServers)"],
  "hosting-account-php-unsupported": ["Pulumi.<stack>.yaml (domainops:hostingServers)"],
  "surat-date-future": ["governance/calendar.yaml (zona_waktu)"],
  "kegiatan-expired": ["governance/calendar.yaml (zona_waktu)"],
  "nip-birth-date": ["governance/calendar.yaml (zona_waktu)"],
  "nip-appointment": ["governance/calendar.yaml (zona_waktu)"],
};
