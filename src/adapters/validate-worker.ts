/** Worker-thread entry of a parallel full validation: validates its share and posts the result. */
import { parentPort, workerData } from "node:worker_threads";
import type { ValidateJob } from "./repository.ts";
import { validateNames } from "./repository.ts";

parentPort?.postMessage(validateNames(workerData as ValidateJob));
