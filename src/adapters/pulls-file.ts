/**
 * Reads a saved-pulls file (`domainops report --save-pulls`, shape in `src/core/reports/pulls-file.ts`)
 * for `report --pulls` and `site --pulls`: size-capped, JSON, then the core's strict parse. Any
 * failure is a usage error naming the file.
 */
import { readFile } from "node:fs/promises";
import { DomainopsError } from "../core/errors.ts";
import { parseSavedPulls, type SavedPull } from "../core/reports/pulls-file.ts";

/** A file of 100,000 saved pull requests is tens of MiB; more is not a saved-pulls file. */
const MAX_PULLS_BYTES = 256 * 1024 * 1024;

export async function readSavedPullsFile(path: string): Promise<SavedPull[]> {
  const usage = (message: string) => new DomainopsError("usage", message);
  let text: string;
  try {
    const bytes = await readFile(path);
    if (bytes.length > MAX_PULLS_BYTES) throw new RangeError(`larger than ${MAX_PULLS_BYTES} bytes`);
    text = bytes.toString("utf8");
  } catch (error) {
    throw usage(`tidak dapat membaca --pulls ${path} (cannot read): ${(error as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw usage(`${path}: bukan JSON yang sah (not valid JSON): ${(error as Error).message}`);
  }
  const parsed = parseSavedPulls(json);
  if (!parsed.ok) throw usage(`${path}: bukan berkas PR tersimpan (not a saved-pulls file): ${parsed.error}`);
  return parsed.value;
}
