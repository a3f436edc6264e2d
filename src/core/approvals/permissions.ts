/**
 * Who may change what. Applicants may only add or change request files; an existing request belongs
 * to the technical admin (`pengelola_teknis.github`) named in its base-branch version, so nobody else
 * can take over a unit's subdomain by editing its file. Governance, code and workflows belong to the
 * platform admins (the same rule is written to `.github/CODEOWNERS`).
 */
import { codePointText, unsafeCharacter, visibleControls } from "../escape.ts";
import type { Message } from "../types.ts";
import type { Governance } from "./governance.ts";
import { isAdmin, isOfficialValidAt, sameUser } from "./governance.ts";
import type { BaseRequests, GitHubUser, PullFile } from "./pull.ts";

export const REQUESTS_DIR = "requests/";

export interface PermissionResult {
  /** The author may make every change of the pull request. */
  ok: boolean;
  /** Did the pull request touch a request file (so the SOP applies)? */
  touchesRequests: boolean;
  authorRole: "admin" | "official" | "applicant";
  violations: { file: string; message: Message }[];
}

export function isRequestPath(path: string): boolean {
  return path.startsWith(REQUESTS_DIR) && !path.includes("..") && path.length > REQUESTS_DIR.length;
}

/**
 * `at` is when the author's standing is judged (now, or the merge time for a post-merge check):
 * an official whose term ended is an applicant again.
 */
export function checkPermissions(input: {
  author: GitHubUser;
  files: PullFile[];
  governance: Governance;
  at: Date;
  baseRequests?: BaseRequests;
}): PermissionResult {
  const { author, files, governance, at } = input;
  const zone = governance.calendar.zona_waktu;
  const admin = isAdmin(governance, author);
  const official =
    !admin && governance.officials.pejabat.some((o) => sameUser(o, author) && isOfficialValidAt(o, at, zone));
  const authorRole = admin ? "admin" : official ? "official" : "applicant";
  const violations: PermissionResult["violations"] = [];
  let touchesRequests = false;

  for (const file of files) {
    const paths = [file.filename, ...(file.previous_filename ? [file.previous_filename] : [])];
    if (paths.some(isRequestPath)) touchesRequests = true;
    // Such a name can forge lines in logs and comments or hide what it is; nobody, admins included,
    // needs one, so the pull request fails closed.
    const unsafe = paths.find((path) => unsafeCharacter(path) !== undefined);
    if (unsafe !== undefined) {
      const shown = visibleControls(unsafe);
      const code = codePointText(unsafeCharacter(unsafe) as string);
      violations.push({
        file: unsafe,
        message: {
          id: `Nama berkas "${shown}" memuat karakter ${code} (karakter kendali, pemisah baris atau pembalik arah teks); ganti namanya.`,
          en: `The file name "${shown}" holds the character ${code} (a control, line-separator or bidi character); rename it.`,
        },
      });
      continue;
    }
    if (admin) continue;
    const outside = paths.find((path) => !isRequestPath(path));
    if (outside !== undefined) {
      violations.push({
        file: outside,
        message: {
          id: `Berkas "${outside}" berada di luar requests/; perubahan governance/, kode dan workflow hanya boleh oleh admin platform.`,
          en: `File "${outside}" is outside requests/; changes to governance/, code and workflows are for platform admins only.`,
        },
      });
      continue;
    }
    if (official) continue;
    // An existing request (modified, removed, or the old side of a rename) needs its own admin.
    const existing = file.status === "added" ? [] : [file.previous_filename ?? file.filename];
    for (const path of existing) {
      const base = input.baseRequests?.[path];
      if (base === undefined) {
        violations.push({
          file: path,
          message: {
            id: `Versi "${path}" di cabang dasar tidak dapat dibaca, sehingga pemiliknya tidak dapat diperiksa.`,
            en: `The base-branch version of "${path}" could not be read, so its owner cannot be checked.`,
          },
        });
        continue;
      }
      if (base === null) continue; // not on the base branch: a new file after all
      const owner = base.pengelola_github;
      if (owner === null || owner.toLowerCase() !== author.login.toLowerCase()) {
        violations.push({
          file: path,
          message: {
            id: `"${path}" milik pengelola teknis ${owner ? `@${owner}` : "(tidak tercatat)"}; @${author.login} hanya boleh mengubah permohonan yang pengelola_teknis.github-nya adalah dirinya (atau minta pejabat/admin).`,
            en: `"${path}" belongs to technical admin ${owner ? `@${owner}` : "(not recorded)"}; @${author.login} may only change requests whose pengelola_teknis.github is themselves (or ask an official/admin).`,
          },
        });
      }
    }
  }
  return { ok: violations.length === 0, touchesRequests, authorRole, violations };
}
