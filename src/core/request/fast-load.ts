/**
 * A quicker reading of request files for bulk, read-only work (the public registry site builds from
 * every file of the repository). js-yaml's event parser reads the syntax, about ten times faster
 * than the `yaml` library; the data is then made here exactly as the strict loader (`parse.ts`) makes
 * it: plain scalars resolved by the `yaml` library's own core-schema tags, in their order, keys
 * made strings the way its `toJS` does (`String(value)`, the last of two equal strings winning).
 *
 * Nothing is decided here that the strict loader would decide otherwise: a text that needs a finding
 * of the strict loader (directives, several documents, anchors, aliases, tags, non-scalar keys,
 * duplicate keys, keys far from their `:`), that the two parsers read apart (null keys on broken
 * indentation, a lone carriage return, escaped line breaks, markers around empty documents), that would load differently
 * (`__proto__`) or that js-yaml cannot read returns `undefined`, and the caller reads it with the
 * strict loader. A property test holds the two to the same data on mutated requests. The strict
 * loader stays the only reader of the gate's paths (validate, approvals, plan, apply).
 */

import { EVENT_ID, type Event, getScalarValue, parseEvents, SCALAR_STYLE, type ScalarEvent } from "js-yaml";
import { isScalar, type ScalarTag, Schema, type ParseOptions as YamlParseOptions } from "yaml";

/** The plain-scalar tags of the `yaml` library's core schema, in the order it tries them. */
const CORE_TAGS: readonly ScalarTag[] = new Schema({ schema: "core", merge: false }).tags.filter(
  (tag): tag is ScalarTag => tag.default === true && tag.test instanceof RegExp,
);

/** The parse options the strict loader's tags see (its defaults: numbers, not BigInt). */
const TAG_OPTIONS = { intAsBigInt: false } as YamlParseOptions;

/** Thrown inside the builder to leave it; never escapes `loadFast`. */
const UNREADABLE = new Error("not for the fast reader");

function refuse(): never {
  throw UNREADABLE;
}

/** A plain scalar's value as the `yaml` library's core schema resolves it. */
function resolvePlain(text: string): unknown {
  for (const tag of CORE_TAGS) {
    if (!tag.test?.test(text)) continue;
    const value = tag.resolve(text, refuse, TAG_OPTIONS);
    // Some core tags answer with a Scalar node (to keep their source format); its value is the datum.
    return isScalar(value) ? value.value : value;
  }
  return text;
}

function scalarValue(text: string, event: ScalarEvent): unknown {
  const value = getScalarValue(text, event);
  return event.style === SCALAR_STYLE.PLAIN ? resolvePlain(value) : value;
}

/**
 * The strict loader refuses an implicit key whose `:` is over 1,024 characters from its start; a
 * request's keys are a few words, so anything near that goes to it.
 */
const MAX_KEY_REACH = 512;

function farColon(text: string, key: ScalarEvent): boolean {
  const colon = text.indexOf(":", key.valueEnd);
  return colon === -1 || colon - key.valueStart > MAX_KEY_REACH;
}

interface MapFrame {
  map: Record<string, unknown>;
  /** Key values seen (the strict loader's duplicate test compares them, not their strings). */
  seen: Set<unknown>;
  key: string | undefined;
}
type Frame = MapFrame | unknown[];

function hasProperties(event: Event): boolean {
  return (
    "anchorStart" in event && (event.anchorStart !== -1 || ("tagStart" in event && event.tagStart !== -1))
  );
}

function build(text: string, events: readonly Event[]): unknown {
  const stack: Frame[] = [];
  let root: unknown;
  /** Places a value; `scalar` is its event when it is a scalar (a collection is never a valid key). */
  const place = (value: unknown, scalar?: ScalarEvent): void => {
    const top = stack[stack.length - 1];
    if (top === undefined) {
      root = value;
      return;
    }
    if (Array.isArray(top)) {
      top.push(value);
      return;
    }
    if (top.key === undefined) {
      if (scalar === undefined || farColon(text, scalar)) refuse();
      // A null key is where the two parsers part on broken indentation (`  : a: b`); leave it to the
      // strict one, as a duplicate key, which it reports.
      if (value === null || top.seen.has(value)) refuse();
      const key = String(value);
      // The strict loader makes `__proto__` an own property; an assignment here would set the prototype.
      if (key === "__proto__") refuse();
      top.seen.add(value);
      top.key = key;
      return;
    }
    // Keys that differ but read the same as strings (`1` and "1"): the last wins, as in the strict loader.
    top.map[top.key] = value;
    top.key = undefined;
  };
  for (const event of events) {
    switch (event.type) {
      case EVENT_ID.DOCUMENT:
        // One document at most: the markers that could start a second were refused before parsing.
        break;
      case EVENT_ID.SCALAR:
        if (hasProperties(event)) refuse();
        place(scalarValue(text, event), event);
        break;
      case EVENT_ID.SEQUENCE:
      case EVENT_ID.MAPPING: {
        if (hasProperties(event)) refuse();
        const frame: Frame =
          event.type === EVENT_ID.SEQUENCE ? [] : { map: {}, seen: new Set(), key: undefined };
        place(Array.isArray(frame) ? frame : frame.map);
        stack.push(frame);
        break;
      }
      case EVENT_ID.POP:
        stack.pop();
        break;
      default:
        refuse(); // an alias
    }
  }
  if (root === undefined) refuse();
  return root;
}

const MARKER = /^(?:---|\.\.\.)(?=[ \t\r\n]|$)/gm;

/**
 * The two parsers count documents differently around empty ones (`# note` then `...`), so a text
 * is read here only with no document marker, or with one `---` before any content.
 */
function singleDocumentMarkers(text: string): boolean {
  const markers = [...text.matchAll(MARKER)];
  if (markers.length === 0) return true;
  const [first] = markers;
  if (markers.length > 1 || first === undefined || first[0] !== "---") return false;
  return text
    .slice(0, first.index)
    .split("\n")
    .every((line) => line.trim() === "" || line.trimStart().startsWith("#"));
}

/**
 * The data of a YAML text, or `undefined` when the strict loader must read it. The caller has
 * already checked size, encoding and emptiness.
 */
export function loadFast(text: string): { data: unknown } | undefined {
  // A carriage return alone ends a line for js-yaml, not for the strict loader.
  if (/\r(?!\n)/.test(text)) return undefined;
  // An escaped line break followed by an empty line folds differently in the two parsers.
  if (/\\\r?\n/.test(text)) return undefined;
  // A directive (`%YAML`, `%TAG`) must be followed by `---`, so it is content before the marker and
  // left, with any second document, to the strict loader, which reports it.
  if (!singleDocumentMarkers(text)) return undefined;
  try {
    return { data: build(text, parseEvents(text, {})) };
  } catch {
    return undefined;
  }
}
