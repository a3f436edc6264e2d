/**
 * The one Ajv set-up behind every JSON Schema in `schema/` (requests, governance, policy): draft
 * 2020-12, every error at once, strict mode. Compiled validators are cached by Ajv per schema object.
 */
import type { ErrorObject, ValidateFunction } from "ajv/dist/2020.js";
import Ajv2020Module from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";

// ajv and ajv-formats are CommonJS; under Node's ESM loader the default import is `module.exports`.
const Ajv2020 = Ajv2020Module as unknown as typeof Ajv2020Module.default;
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

export type { ErrorObject, ValidateFunction };

type Ajv = InstanceType<typeof Ajv2020>;

let shared: Ajv | undefined;

function ajv(): Ajv {
  if (shared) return shared;
  const instance = new Ajv2020({
    // An applicant should see every problem of the file at once, not one per CI run.
    allErrors: true,
    // Errors carry the offending value, which the messages quote.
    verbose: true,
    strict: true,
    allowUnionTypes: true,
    // `required` inside `if`/`then`/`not` names properties declared beside the conditional (the
    // officials' term dates, the SOP step kinds): idiomatic 2020-12 that strictRequired would refuse.
    strictRequired: false,
    // Checking each schema against the 2020-12 meta-schema costs ~100 ms per process, most of a
    // one-file run; test/validate/schema.test.ts checks them once through `checkSchemaDocument`.
    validateSchema: false,
  });
  addFormats(instance, ["date"]);
  shared = instance;
  return instance;
}

/** The validator of one of the schemas in `schema/`. */
export function compileSchema(schema: object): ValidateFunction {
  return ajv().compile(schema);
}

/** Problems of a schema document against the 2020-12 meta-schema (empty = a valid schema). */
export function checkSchemaDocument(schema: object): ErrorObject[] {
  const instance = ajv();
  return instance.validateSchema(schema) === true ? [] : [...(instance.errors ?? [])];
}
