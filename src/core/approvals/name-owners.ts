/**
 * Who owns a name and a Pages project, beyond the SOP chain. Officials approve a request for the
 * office; they do not speak for the unit that already holds a name. So:
 * - a new name below another request's name (`login.dinkes`) needs the approval of the nearest
 *   existing parent's technical admin, read from the base branch (the pull request could write any
 *   owner it likes into its own files);
 * - a namespace (`desa`, `kec`, ...) belongs to the office: a request named like one, new or changed,
 *   needs a platform admin. Its children are governed by the namespace kinds (validation);
 * - an explicit `hosting.project` must be the request's own: its derived name, or the project its own
 *   file already named on the base branch. Anything else could reconfigure another unit's site;
 * - the `impor` marker (a request adopted from the existing zone, which may lack its letter and
 *   officials) is set by platform admins only: a request that gains it, new or changed, needs a
 *   platform admin's approval. Otherwise any applicant could skip the letter by marking a new request.
 * Every unknown (a base file not read, a broken parent, no head version) refuses.
 */
import { derivePagesProject } from "../infra/desired-state.ts";
import type { Message } from "../types.ts";
import type { Governance } from "./governance.ts";
import { isAdmin } from "./governance.ts";
import { isRequestPath } from "./permissions.ts";
import type { BaseRequests, GitHubUser, HeadRequests, PullFile } from "./pull.ts";
import { requestNameOf } from "./pull.ts";

/** The part of the validation policy the decision needs (from `governance/`). */
export interface NamePolicy {
  zone: string;
  namespaces: { has(name: string): boolean };
}

export interface OwnerRequirement {
  file: string;
  kind: "parent" | "namespace" | "impor";
  /** The parent name, the namespace, or the request's own name (`impor`). */
  owned: string;
  /** Any one of these logins satisfies it. */
  approvers: string[];
  met: boolean;
  message: Message;
}

export interface OwnershipDecision {
  requirements: OwnerRequirement[];
  /** Owners or projects that cannot be established, or a project that is not the request's own. */
  violations: { file: string; message: Message }[];
}

export interface OwnershipInput {
  author: GitHubUser;
  files: readonly PullFile[];
  governance: Governance;
  /** Users whose latest review approves the current head commit. */
  approvedBy: readonly GitHubUser[];
  baseRequests?: BaseRequests;
  headRequests?: HeadRequests;
  names?: NamePolicy;
}

const CREATING: ReadonlySet<string> = new Set(["added", "renamed", "copied"]);

function same(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

export function decideOwnership(input: OwnershipInput): OwnershipDecision {
  const { author, files, governance, approvedBy } = input;
  const requirements: OwnerRequirement[] = [];
  const violations: OwnershipDecision["violations"] = [];
  // Platform admins own governance and every name (CODEOWNERS "*").
  if (isAdmin(governance, author)) return { requirements, violations };
  const namespaces = input.names?.namespaces;
  const admins = governance.officials.admins.map((a) => a.login);

  for (const file of files) {
    const paths = [file.filename, ...(file.previous_filename ? [file.previous_filename] : [])];
    for (const path of paths) {
      const name = requestNameOf(path);
      if (name === null || !namespaces?.has(name)) continue;
      requirements.push({
        file: path,
        kind: "namespace",
        owned: name,
        approvers: admins,
        met: approvedBy.some((user) => isAdmin(governance, user)),
        message: {
          id: `"${path}" adalah namespace kantor "${name}": perlu persetujuan admin platform (${admins.map((l) => `@${l}`).join(", ")}).`,
          en: `"${path}" is the office namespace "${name}": it needs the approval of a platform admin (${admins.map((l) => `@${l}`).join(", ")}).`,
        },
      });
    }
    if (CREATING.has(file.status)) parentRequirement(input, file.filename, requirements, violations);
    projectViolation(input, file, violations);
    imporRequirement(input, file, admins, requirements);
  }
  return { requirements, violations };
}

/** The nearest ancestor of a new name that has a request on the base branch must agree to it. */
function parentRequirement(
  input: OwnershipInput,
  path: string,
  requirements: OwnerRequirement[],
  violations: OwnershipDecision["violations"],
): void {
  const name = requestNameOf(path);
  if (name === null) return;
  for (let dot = name.indexOf("."); dot !== -1; dot = name.indexOf(".", dot + 1)) {
    const parent = name.slice(dot + 1);
    // A namespace's children are for units of its kinds (rule namespace-jenis-mismatch), not for
    // whoever maintains the namespace's own page.
    if (input.names?.namespaces.has(parent)) return;
    const parentPath = `requests/${parent}.yaml`;
    const base = input.baseRequests?.[parentPath];
    if (base === null) continue;
    const owner = base?.pengelola_github ?? null;
    if (owner === null) {
      violations.push({
        file: path,
        message: {
          id: `Pemilik nama induk "${parent}" tidak dapat dipastikan: ${parentPath} di cabang dasar ${base === undefined ? "tidak dapat dibaca" : "rusak atau tanpa pengelola_teknis.github"}. Perbaiki berkas induk dulu, atau minta admin platform.`,
          en: `The owner of the parent name "${parent}" cannot be established: ${parentPath} on the base branch ${base === undefined ? "could not be read" : "is broken or names no pengelola_teknis.github"}. Fix the parent file first, or ask a platform admin.`,
        },
      });
      return;
    }
    const met = same(owner, input.author.login) || input.approvedBy.some((user) => same(user.login, owner));
    requirements.push({
      file: path,
      kind: "parent",
      owned: parent,
      approvers: [owner],
      met,
      message: {
        id: `"${path}" berada di bawah nama "${parent}": perlu persetujuan @${owner}, pengelola teknis nama induk ${parent} (menurut cabang dasar).`,
        en: `"${path}" lies below the name "${parent}": it needs approval of @${owner}, pengelola teknis of the parent name ${parent} (per the base branch).`,
      },
    });
    return;
  }
}

/**
 * A request that gains the `impor` marker needs a platform admin. Its version in the pull request is
 * read as data; an unread version is refused by `projectViolation`, and an unread or broken base
 * version counts as one without the marker (fail closed).
 */
function imporRequirement(
  input: OwnershipInput,
  file: PullFile,
  admins: string[],
  requirements: OwnerRequirement[],
): void {
  const path = file.filename;
  const name = requestNameOf(path);
  if (file.status === "removed" || name === null || input.headRequests?.[path]?.impor !== true) return;
  const own =
    file.status === "added" || file.status === "copied" ? undefined : (file.previous_filename ?? path);
  if (own !== undefined && input.baseRequests?.[own]?.impor === true) return;
  const listed = admins.map((l) => `@${l}`).join(", ");
  requirements.push({
    file: path,
    kind: "impor",
    owned: name,
    approvers: admins,
    met: input.approvedBy.some((user) => isAdmin(input.governance, user)),
    message: {
      id: `"${path}" memuat blok impor (permohonan hasil impor zona, boleh tanpa surat dan pejabat): hanya admin platform yang memasangnya, perlu persetujuan admin platform (${listed}). Permohonan baru menulis surat dan pejabatnya, tanpa impor.`,
      en: `"${path}" carries the impor block (a request imported from the zone, allowed without letter and officials): only platform admins set it, so it needs a platform admin's approval (${listed}). A new request gives its letter and officials, without impor.`,
    },
  });
}

/** An explicit Pages project must be the request's derived one or the one its file already had. */
function projectViolation(
  input: OwnershipInput,
  file: PullFile,
  violations: OwnershipDecision["violations"],
): void {
  const path = file.filename;
  const name = requestNameOf(path);
  if (file.status === "removed" || name === null || !isRequestPath(path) || !input.headRequests) return;
  const head = input.headRequests[path];
  if (head === null) return;
  if (head === undefined) {
    violations.push({
      file: path,
      message: {
        id: `Versi "${path}" di permintaan tarik tidak dapat dibaca, sehingga proyek Pages-nya tidak dapat diperiksa.`,
        en: `The pull request's version of "${path}" could not be read, so its Pages project cannot be checked.`,
      },
    });
    return;
  }
  const project = head.project;
  if (project === null) return;
  if (input.names && project === derivePagesProject(name, input.names.zone)) return;
  const own =
    file.status === "added" || file.status === "copied" ? undefined : (file.previous_filename ?? path);
  const before = own === undefined ? undefined : input.baseRequests?.[own]?.project;
  if (before != null && same(before, project)) return;
  violations.push({
    file: path,
    message: {
      id: `"${path}" memakai proyek Pages "${project}" yang bukan miliknya: permohonan hanya boleh memakai proyek turunan namanya sendiri (hapus project) atau proyek yang sudah tercatat di berkasnya sendiri di cabang dasar.`,
      en: `"${path}" names the Pages project "${project}", which is not its own: a request may only use the project derived from its own name (remove project) or the one its own file already named on the base branch.`,
    },
  });
}
