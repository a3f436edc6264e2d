/**
 * The Automation API edge: a stack of the project, run with the program inline. Kept to the three
 * operations `domainops apply` needs so the apply flow can be tested with a fake stack.
 */
import type { EngineEvent } from "@pulumi/pulumi/automation/index.js";
import { LocalWorkspace } from "@pulumi/pulumi/automation/index.js";
import { program } from "../../pulumi/program.ts";
import { DomainopsError } from "../core/errors.ts";
import type { PreviewEvent, StateResource } from "../core/infra/gate.ts";

export interface PreviewOutcome {
  events: PreviewEvent[];
  /** `PreviewResult.changeSummary`: step counts by operation over all resources. */
  changeSummary: Record<string, number | undefined>;
}

export interface StackHandle {
  name: string;
  /** The resources of the stack's current state (none for a new stack). */
  resources(): Promise<StateResource[]>;
  /** The outputs of the last update (empty for a new stack). */
  outputs(): Promise<Record<string, unknown>>;
  preview(options: { refresh: boolean; onOutput(text: string): void }): Promise<PreviewOutcome>;
  up(options: { onOutput(text: string): void }): Promise<Record<string, number | undefined>>;
}

export type OpenStack = (input: {
  root: string;
  stack: string;
  commit: string | null;
}) => Promise<StackHandle>;

/**
 * Opens (or creates) the stack. Credentials come from the environment as usual for Pulumi:
 * `PULUMI_ACCESS_TOKEN` or `pulumi login <backend>` state, `CLOUDFLARE_API_TOKEN` for the provider.
 */
export const openStack: OpenStack = async ({ root, stack: stackName, commit }) => {
  let stack: Awaited<ReturnType<typeof LocalWorkspace.createOrSelectStack>>;
  try {
    stack = await LocalWorkspace.createOrSelectStack(
      { stackName, projectName: "domainops", program: () => program({ projectDir: root, commit }) },
      { workDir: root },
    );
  } catch (error) {
    throw new DomainopsError("pulumi", `stack ${stackName}: ${(error as Error).message}`, { cause: error });
  }
  // The engine's own failures (backend, provider, program) are outages: one error type, the engine
  // output having been streamed already.
  const engine = async <T>(what: string, run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      throw new DomainopsError("pulumi", `${what} ${stackName}: ${(error as Error).message}`, {
        cause: error,
      });
    }
  };
  return {
    name: stackName,
    async resources() {
      const state = await engine("export", () => stack.exportStack());
      return (state.deployment as { resources?: StateResource[] } | undefined)?.resources ?? [];
    },
    async outputs() {
      const outputs = await engine("outputs", () => stack.outputs());
      return Object.fromEntries(Object.entries(outputs).map(([key, output]) => [key, output.value]));
    },
    async preview({ refresh, onOutput }) {
      const events: PreviewEvent[] = [];
      const result = await engine("preview", () =>
        stack.preview({
          refresh,
          diff: true,
          onOutput,
          onEvent: (event: EngineEvent) => {
            // The engine's step metadata carries the old and new inputs the gate needs for the
            // tunnel's ingress rules; an `EngineEvent` is a `PreviewEvent` as it is.
            if (event.resourcePreEvent) events.push({ resourcePreEvent: event.resourcePreEvent });
          },
        }),
      );
      return { events, changeSummary: result.changeSummary as Record<string, number | undefined> };
    },
    async up({ onOutput }) {
      const result = await engine("up", () => stack.up({ diff: true, onOutput }));
      return (result.summary.resourceChanges ?? {}) as Record<string, number | undefined>;
    },
  };
};
