/** Small builders for infrastructure tests: requests as the validator would hand them over. */

import { parseZoneSettings, type ZoneSettings } from "../../src/core/infra/zone-settings.ts";
import type { DnsRecordSpec, Hosting, LoadedRequest } from "../../src/core/types.ts";

export const ZONE_ID = "3f2c9a7e5b1d4c8e9a0b6d2f4e8c1a7b";
export const ACCOUNT_ID = "9d8c7b6a5f4e3d2c1b0a9f8e7d6c5b4a";
export const TUNNEL_ID = "6f1e2d3c-4b5a-4968-8776-5a4b3c2d1e0f";

/** A tunnel request as the validator lets it through: with an origin inside the allowed network. */
export const TUNNEL_HOSTING: Hosting = { jenis: "tunnel", service: "http://10.10.1.20:80" };

export function settings(overrides: Record<string, unknown> = {}): ZoneSettings {
  return parseZoneSettings(
    {
      zone: "kuduskab.go.id",
      zoneId: ZONE_ID,
      accountId: ACCOUNT_ID,
      tunnelId: TUNNEL_ID,
      origins: { ipv4: ["203.0.113.10"], ipv6: ["2001:db8:1000::10"] },
      tunnelOrigins: { networks: ["10.0.0.0/8"], ports: [80, 8080] },
      nameservers: ["ada.ns.cloudflare.com", "bob.ns.cloudflare.com"],
      ...overrides,
    },
    "test",
  );
}

export function request(
  subdomain: string,
  hosting: Hosting | Hosting["jenis"],
  dns: DnsRecordSpec[] = [],
  nomor = `400.7/${subdomain}/2026`,
): LoadedRequest {
  return {
    file: `requests/${subdomain}.yaml`,
    request: {
      subdomain,
      instansi: { nama: `Unit ${subdomain}`, jenis: "dinas" },
      surat: { nomor, tanggal: "2026-11-02", perihal: "Permohonan subdomain" },
      penanggung_jawab: {
        nama: "Pejabat",
        nip: "197601012005012001",
        jabatan: "Kepala",
        email: "a@kuduskab.go.id",
      },
      pengelola_teknis: { nama: "Admin", email: "b@kuduskab.go.id", github: "admin" },
      tujuan: "Website",
      klasifikasi: "instansi",
      hosting:
        typeof hosting !== "string" ? hosting : hosting === "tunnel" ? TUNNEL_HOSTING : { jenis: hosting },
      dns,
    },
  };
}
