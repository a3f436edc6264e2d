export type {
  CaaData,
  RecordData,
  RecordProblem,
  RecordType,
  RecordValue,
  SrvData,
  TypeCheckRule,
  TypeField,
} from "./record-type.ts";
export { inRange } from "./record-type.ts";
export { formatRdata, isRecordType, RECORD_TYPE_NAMES, RECORD_TYPES, recordTypeOf } from "./table.ts";
export { splitTxt, txtWireLength } from "./txt.ts";
