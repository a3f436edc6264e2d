/**
 * Entry point named in `Pulumi.yaml`. Pulumi's Node.js host calls a default-exported function and
 * uses what it resolves to as the stack outputs; the CLI runs it with the project folder as cwd.
 */
import { program } from "./program.ts";

export default async () => program();
