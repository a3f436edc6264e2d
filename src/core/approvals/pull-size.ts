/**
 * How big a pull request the SOP gate and the preview will read. Each request file costs API calls
 * (its base version for the owner check, its head version for the preview); one pull request with
 * thousands of them would spend the repository's whole hourly API budget. The limits come from
 * `governance/policy.yaml`; the edges check them before any per-file call.
 */

import type { Message } from "../types.ts";
import { isRequestPath } from "./permissions.ts";
import type { PullFile } from "./pull.ts";

/** GitHub lists at most 3,000 files of a pull request; beyond that the list is incomplete. */
export const PULL_FILES_LISTED = 3000;

export interface PullLimits {
  /** Request files one pull request may change (`maxRequestFilesPerPull`). */
  maxRequestFiles: number;
  /** Files of any kind one pull request may change before its file list is read (`maxChangedFilesPerPull`). */
  maxChangedFiles: number;
}

export const DEFAULT_PULL_LIMITS: PullLimits = { maxRequestFiles: 20, maxChangedFiles: 300 };

export type PullSize = { ok: true } | { ok: false; reason: Message; description: string };

/**
 * `changedFiles` is the pull request's own count (`changed_files`, right even when the list is
 * truncated), known before the list is read; `files` is the list once read.
 */
export function checkPullSize(input: {
  changedFiles?: number | undefined;
  files?: readonly PullFile[];
  limits: PullLimits;
}): PullSize {
  const { changedFiles, files, limits } = input;
  const maxChanged = Math.min(limits.maxChangedFiles, PULL_FILES_LISTED);
  if (changedFiles !== undefined && changedFiles > maxChanged) {
    return {
      ok: false,
      description: `Terlalu banyak berkas: ${changedFiles} > ${maxChanged}; pecah PR (split the PR)`,
      reason: {
        id: `Pull request ini mengubah ${changedFiles} berkas; paling banyak ${maxChanged} berkas per pull request (maxChangedFilesPerPull di governance/policy.yaml). Pecah menjadi beberapa pull request yang lebih kecil.`,
        en: `This pull request changes ${changedFiles} files; at most ${maxChanged} files per pull request (maxChangedFilesPerPull in governance/policy.yaml). Split it into several smaller pull requests.`,
      },
    };
  }
  if (files === undefined) return { ok: true };
  const requests = new Set<string>();
  for (const file of files) {
    for (const path of [file.filename, file.previous_filename]) {
      if (path !== undefined && isRequestPath(path)) requests.add(path);
    }
  }
  if (requests.size <= limits.maxRequestFiles) return { ok: true };
  return {
    ok: false,
    description: `Terlalu banyak berkas permohonan: ${requests.size} > ${limits.maxRequestFiles}; pecah PR (split the PR)`,
    reason: {
      id: `Pull request ini mengubah ${requests.size} berkas permohonan; paling banyak ${limits.maxRequestFiles} per pull request (maxRequestFilesPerPull di governance/policy.yaml). Pecah menjadi beberapa pull request yang lebih kecil.`,
      en: `This pull request changes ${requests.size} request files; at most ${limits.maxRequestFiles} per pull request (maxRequestFilesPerPull in governance/policy.yaml). Split it into several smaller pull requests.`,
    },
  };
}
