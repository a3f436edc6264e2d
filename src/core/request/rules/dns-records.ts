/**
 * Rules on the extra DNS records of a request (`dns:`). Names are relative to the requested
 * subdomain; what `hosting.jenis` itself creates at the subdomain is taken into account where it
 * matters (a CNAME must be alone at its name).
 */

import type { Rule } from "../rule.ts";
import {
  dnsAaaaCanonical,
  dnsAddressInvalid,
  dnsAddressNotPublic,
  dnsCaaInvalid,
  dnsFieldNotApplicable,
  dnsPriority,
  dnsProxiedInvalid,
  dnsProxiedTtl,
  dnsSrvName,
  dnsTtlInvalid,
} from "./dns-content.ts";
import {
  dnsNameExisting,
  dnsNameInvalid,
  dnsNameNamespace,
  dnsNameReserved,
  dnsNameTaken,
  dnsTypeUnsupported,
} from "./dns-names.ts";
import {
  dnsCnameForbidden,
  dnsCnameSelf,
  dnsTargetAlias,
  dnsTargetInvalid,
  dnsTargetMissing,
  dnsTargetSpecialUse,
  dnsTargetTakeoverProne,
} from "./dns-targets.ts";
import {
  dnsCnameExclusive,
  dnsCommentTooLong,
  dnsDmarcInvalid,
  dnsHostingAddress,
  dnsRecordDuplicate,
  dnsSpfMultiple,
  dnsTxtTooLong,
} from "./dns-zone.ts";

export const dnsRules: readonly Rule[] = [
  dnsTypeUnsupported,
  dnsNameInvalid,
  dnsNameTaken,
  dnsNameReserved,
  dnsNameExisting,
  dnsNameNamespace,
  dnsAddressInvalid,
  dnsAddressNotPublic,
  dnsAaaaCanonical,
  dnsCnameExclusive,
  dnsHostingAddress,
  dnsTargetInvalid,
  dnsTargetSpecialUse,
  dnsCnameForbidden,
  dnsTargetTakeoverProne,
  dnsCnameSelf,
  dnsTargetAlias,
  dnsTargetMissing,
  dnsPriority,
  dnsSrvName,
  dnsCaaInvalid,
  dnsTtlInvalid,
  dnsProxiedInvalid,
  dnsProxiedTtl,
  dnsFieldNotApplicable,
  dnsTxtTooLong,
  dnsSpfMultiple,
  dnsDmarcInvalid,
  dnsRecordDuplicate,
  dnsCommentTooLong,
];
