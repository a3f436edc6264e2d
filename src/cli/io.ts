/** The CLI's window on the world, injectable so commands can be tested without a process. */
export interface Io {
  stdout(text: string): void;
  stderr(text: string): void;
  env: Record<string, string | undefined>;
  cwd: string;
  /** The clock lives at the edge: commands read "now" from here. */
  now(): Date;
  /** All of standard input, at most `maxBytes` (more: rejects); only commands fed by a pipe read it. */
  stdin(maxBytes: number): Promise<string>;
}

/** Reads a stream to its end as UTF-8, refusing more than `maxBytes`. */
export async function readAll(
  stream: AsyncIterable<Buffer | string> | Iterable<Buffer | string>,
  maxBytes: number,
): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const buffer = typeof chunk === "string" ? Buffer.from(chunk) : chunk;
    size += buffer.length;
    if (size > maxBytes) throw new RangeError(`stdin is larger than ${maxBytes} bytes`);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

export function processIo(): Io {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    env: process.env,
    cwd: process.cwd(),
    now: () => new Date(),
    stdin: (maxBytes) => readAll(process.stdin, maxBytes),
  };
}

/** Captures output, for tests. */
export function memoryIo(options: {
  cwd: string;
  env?: Record<string, string>;
  now?: Date;
  stdin?: string;
}): Io & {
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
    stdin: (maxBytes) => readAll([Buffer.from(options.stdin ?? "")], maxBytes),
  };
}
