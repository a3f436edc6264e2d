/**
 * SRV: where a service runs (RFC 2782), named `_service._proto`. Cloudflare takes it as `data`
 * {priority, weight, port, target}; its `content` is read-only (Cloudflare's create-DNS-record
 * schema). The target "." says the service is decidedly not available at this name (RFC 2782), so
 * the root is kept as "." everywhere, never emptied.
 */
import { q, relativeName, showName } from "../request/rules/util.ts";
import {
  absoluteHost,
  canonicalHost,
  problem,
  type RecordType,
  requireUint16,
  type SrvData,
} from "./record-type.ts";

const SRV_SERVICE = /^_[a-z0-9](?:[a-z0-9-]{0,13}[a-z0-9])?$/;
const SRV_PROTO: ReadonlySet<string> = new Set(["_tcp", "_udp", "_tls", "_sctp"]);

const srv = (record: { data: unknown }) => record.data as SrvData;
const numbers = (data: SrvData) => `${data.priority} ${data.weight} ${data.port}`;

export const srvRecord: RecordType<"SRV"> = {
  type: "SRV",
  rank: 5,
  fields: ["priority", "weight", "port"],
  proxiable: false,
  target: "host-or-root",
  checks: {
    "dns-priority": requireUint16("SRV", ["priority", "weight", "port"]),
    "dns-srv-name": (r) => {
      const labels = relativeName(r).split(".");
      if (labels.length >= 2 && SRV_SERVICE.test(labels[0] ?? "") && SRV_PROTO.has(labels[1] ?? ""))
        return [];
      return [
        problem(
          r.name === undefined ? undefined : "name",
          `nama SRV ${q(showName(relativeName(r)))} harus berbentuk _layanan._protokol, mis. "_sip._tcp" atau "_xmpp-client._tcp"`,
          `the SRV name ${q(showName(relativeName(r)))} must look like _service._proto, e.g. "_sip._tcp" or "_xmpp-client._tcp"`,
        ),
      ];
    },
  },
  value: (spec) => {
    const data: SrvData = {
      priority: spec.priority ?? 0,
      weight: spec.weight ?? 0,
      port: spec.port ?? 0,
      target: canonicalHost(spec.content),
    };
    return { content: data.target, priority: data.priority, data };
  },
  valueKey: (record) => `${numbers(srv(record))} ${srv(record).target}`,
  rdata: (record) => `${numbers(srv(record))} ${srv(record).target}`,
  zoneRdata: (record) => `${numbers(srv(record))} ${absoluteHost(srv(record).target)}`,
  pulumiArgs: (record) => ({ data: { ...srv(record) }, priority: srv(record).priority }),
};
