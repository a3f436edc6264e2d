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
 * indentation, a lone carriage return, a byte order mark, escaped line breaks, markers around empty
 * documents), that would load differently (`__proto__`) or that js-yaml cannot read returns
 * `undefined`, and the caller reads it with the strict loader. Positions of findings come from the
 * same events where the two parsers place a node alike. A property test holds the two to the same
 * data and positions on mutated requests. The strict loader stays the only reader of the gate's paths
 * (validate, approvals, plan, apply).
 */

import { EVENT_ID, type Event, getScalarValue, parseEvents, SCALAR_STYLE, type ScalarEvent } from "js-yaml";
import { isScalar, type ScalarTag, Schema, type ParseOptions as YamlParseOptions } from "yaml";
import type { NodePath, Position } from "./rule.ts";

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
  // A byte order mark past the start (the caller strips a leading one) is read apart after a comment.
  if (text.includes("\uFEFF")) return undefined;
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

/**
 * Where a node starts, as the strict loader's node ranges say: `undefined` where the two parsers
 * place it differently (block scalars start at their `|` or `>` there, empty scalars have no text),
 * and the strict loader is asked instead.
 */
type Start = number | undefined;
interface ShadowScalar {
  kind: "scalar";
  start: Start;
  isNull: boolean;
}
interface ShadowPair {
  key: unknown;
  keyStart: Start;
  value: Shadow;
}
interface ShadowMap {
  kind: "map";
  start: Start;
  pairs: ShadowPair[];
}
interface ShadowSeq {
  kind: "seq";
  start: Start;
  items: Shadow[];
}
type Shadow = ShadowScalar | ShadowMap | ShadowSeq;

function scalarStart(event: ScalarEvent): Start {
  switch (event.style) {
    case SCALAR_STYLE.PLAIN:
      return event.valueEnd > event.valueStart ? event.valueStart : undefined;
    case SCALAR_STYLE.SINGLE_QUOTED:
    case SCALAR_STYLE.DOUBLE_QUOTED:
      return event.valueStart - 1; // the strict loader's range opens at the quote
    default:
      return undefined;
  }
}

/** The node tree with start offsets, from the events of a text `loadFast` accepted. */
function shadowOf(text: string): Shadow | undefined {
  const stack: (ShadowMap | ShadowSeq)[] = [];
  /** Per open mapping, the key read and waiting for its value. */
  const waiting = new Map<ShadowMap, { key: unknown; start: Start }>();
  let root: Shadow | undefined;
  const place = (node: Shadow, value?: unknown): void => {
    const top = stack[stack.length - 1];
    if (top === undefined) root = node;
    else if (top.kind === "seq") top.items.push(node);
    else {
      const key = waiting.get(top);
      if (key === undefined) waiting.set(top, { key: value, start: node.start });
      else {
        waiting.delete(top);
        top.pairs.push({ key: key.key, keyStart: key.start, value: node });
      }
    }
  };
  for (const event of parseEvents(text, {})) {
    if (event.type === EVENT_ID.SCALAR) {
      const value = scalarValue(text, event);
      place({ kind: "scalar", start: scalarStart(event), isNull: value === null }, value);
    } else if (event.type === EVENT_ID.MAPPING || event.type === EVENT_ID.SEQUENCE) {
      const node: ShadowMap | ShadowSeq =
        event.type === EVENT_ID.MAPPING
          ? { kind: "map", start: event.start, pairs: [] }
          : { kind: "seq", start: event.start, items: [] };
      place(node);
      stack.push(node);
    } else if (event.type === EVENT_ID.POP) stack.pop();
  }
  return root;
}

/** The strict loader's `childOf`: the first pair whose key matches, or the item at an index. */
function childOf(node: Shadow, segment: string | number): ShadowPair | Shadow | undefined {
  if (node.kind === "map") {
    return node.pairs.find(
      ({ key }) =>
        key === segment ||
        (typeof segment === "number" && key === String(segment)) ||
        (typeof key === "number" && String(key) === segment),
    );
  }
  return node.kind === "seq" && typeof segment === "number" ? node.items[segment] : undefined;
}

/** The strict loader's `locate` over the shadow tree: an offset, or `undefined` to ask it. */
function offsetOf(root: Shadow, path: NodePath, part: "key" | "value"): Start {
  let node: Shadow = root;
  let best = node.start;
  for (let i = 0; i < path.length; i++) {
    const child = childOf(node, path[i] as string | number);
    if (child === undefined) break;
    if ("keyStart" in child) {
      const valueUsable = !(child.value.kind === "scalar" && child.value.isNull);
      best = i === path.length - 1 && part === "value" && valueUsable ? child.value.start : child.keyStart;
      node = child.value;
    } else {
      best = child.start;
      node = child;
    }
  }
  // Undefined when the node it stopped at is one the two parsers place apart (a scalar: the walk ends).
  return best;
}

/** 1-based line and column of an offset, counting `\n` as the strict loader's line counter does. */
function positionAt(text: string, offset: number): Position {
  const before = text.slice(0, offset);
  return { line: before.split("\n").length, column: offset - before.lastIndexOf("\n") };
}

/**
 * Positions in a text `loadFast` accepted, as the strict loader gives them, without its parse:
 * `undefined` for the few nodes the two parsers place differently (ask the strict loader then).
 */
export function fastLocator(text: string): (path: NodePath, part: "key" | "value") => Position | undefined {
  let root: Shadow | undefined | null = null;
  return (path, part) => {
    if (root === null) root = shadowOf(text);
    if (root === undefined) return undefined;
    const offset = offsetOf(root, path, part);
    return offset === undefined ? undefined : positionAt(text, offset);
  };
}
