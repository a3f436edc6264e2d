/** The CLI's window on the world, injectable so commands can be tested without a process. */
export interface Io {
  stdout(text: string): void;
  stderr(text: string): void;
  env: Record<string, string | undefined>;
  cwd: string;
  /** The clock lives at the edge: commands read "now" from here. */
  now(): Date;
}

export function processIo(): Io {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    env: process.env,
    cwd: process.cwd(),
    now: () => new Date(),
  };
}

/** Captures output, for tests. */
export function memoryIo(options: { cwd: string; env?: Record<string, string>; now?: Date }): Io & {
  out: string[];
  err: string[];
} {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    stdout: (text) => void out.push(text),
    stderr: (text) => void err.push(text),
    env: options.env ?? {},
    cwd: options.cwd,
    now: () => options.now ?? new Date(),
  };
}
