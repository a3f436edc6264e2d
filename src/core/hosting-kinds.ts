/**
 * What each hosting kind means where more than one stage asks. Typed over `HostingJenis`, so a new
 * kind does not compile until it has an entry here.
 */
import type { HostingJenis } from "./types.ts";

export interface HostingTraits {
  /** It publishes the stack's `domainops:origins` (the office data centre) under the request's name. */
  stackOrigins: boolean;
  /**
   * It is served through Cloudflare's proxy on the zone's universal certificate, which covers the
   * zone and one level below it only (`*.zone`). Pages issues its own certificate per custom domain,
   * so `static` is fine at any depth; the proxied records of `eksternal` and `tanpa` are checked one
   * by one.
   */
  zoneCertificate: boolean;
}

export const HOSTING_KINDS: { readonly [K in HostingJenis]: HostingTraits } = {
  server: { stackOrigins: true, zoneCertificate: true },
  tunnel: { stackOrigins: false, zoneCertificate: true },
  static: { stackOrigins: false, zoneCertificate: false },
  eksternal: { stackOrigins: false, zoneCertificate: false },
  tanpa: { stackOrigins: false, zoneCertificate: false },
};
