import { Fragment, isValidElement, type ReactElement, type ReactNode } from "react";
import { pageNumbers } from "./page-numbers";

// A report element tree expanded to react-pdf primitives ("DOCUMENT", "PAGE", "VIEW", "TEXT", …) as plain data,
// so that a worker thread can lay it out and render it (lib/reports/pdf/worker/render-worker.mjs) while the
// server keeps answering other requests. Function components are called here (they are pure: no hooks);
// the only function prop allowed is the shared page-number render prop, sent as a marker.

export type PlainNode = string | { type: string; props: Record<string, unknown>; children: PlainNode[] };

export const PAGE_NUMBERS_MARKER = "$csr:page-numbers";

export class NotSerializableError extends Error {}

function plainProps(props: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(props)) {
    if (key === "children" || value === undefined) continue;
    if (typeof value === "function") {
      if (key === "render" && value === pageNumbers) {
        out[key] = PAGE_NUMBERS_MARKER;
        continue;
      }
      throw new NotSerializableError(`function prop "${key}"`);
    }
    out[key] = value;
  }
  return out;
}

function expand(node: ReactNode, into: PlainNode[]): void {
  if (node === null || node === undefined || typeof node === "boolean") return;
  if (typeof node === "string" || typeof node === "number" || typeof node === "bigint") {
    into.push(String(node));
    return;
  }
  if (Array.isArray(node)) {
    for (const child of node) expand(child as ReactNode, into);
    return;
  }
  if (!isValidElement(node)) throw new NotSerializableError(`unsupported node ${typeof node}`);
  const element = node as ReactElement<Record<string, unknown>>;
  if (element.type === Fragment) {
    expand(element.props.children as ReactNode, into);
    return;
  }
  if (typeof element.type === "function") {
    const component = element.type as (props: Record<string, unknown>) => ReactNode;
    if (component.prototype?.isReactComponent) throw new NotSerializableError("class component");
    expand(component(element.props), into);
    return;
  }
  if (typeof element.type !== "string") throw new NotSerializableError("unsupported element type");
  const children: PlainNode[] = [];
  expand(element.props.children as ReactNode, children);
  into.push({ type: element.type, props: plainProps(element.props), children });
}

/** The document as plain data (throws NotSerializableError for anything a worker could not rebuild). */
export function toPlainTree(document: ReactElement): PlainNode {
  const nodes: PlainNode[] = [];
  expand(document, nodes);
  if (nodes.length !== 1 || typeof nodes[0] === "string") throw new NotSerializableError("a document must be one element");
  return nodes[0]!;
}
