// Lays out and renders report PDFs off the request thread (see lib/reports/pdf/render.ts and serialize.ts).
// Plain ESM so it runs as it is, without the app's bundler: it receives a report as plain data (react-pdf
// primitives) and answers the PDF bytes.
import path from "node:path";
import { parentPort, workerData } from "node:worker_threads";
import { Font, renderToBuffer } from "@react-pdf/renderer";
import { createElement } from "react";

const PAGE_NUMBERS_MARKER = "$csr:page-numbers";
const pageNumbers = ({ pageNumber, totalPages }) => `${pageNumber} / ${totalPages}`;

const fontDir = workerData?.fontDir ?? path.join(process.cwd(), "node_modules", "dejavu-fonts-ttf", "ttf");
const file = (name) => path.join(fontDir, name);
// Keep in step with lib/reports/pdf/fonts.ts.
Font.register({
  family: "Sans",
  fonts: [
    { src: file("DejaVuSans.ttf"), fontWeight: "normal" },
    { src: file("DejaVuSans-Bold.ttf"), fontWeight: "bold" },
    { src: file("DejaVuSans-Oblique.ttf"), fontWeight: "normal", fontStyle: "italic" },
  ],
});
Font.register({
  family: "SansCondensed",
  fonts: [
    { src: file("DejaVuSansCondensed.ttf"), fontWeight: "normal" },
    { src: file("DejaVuSansCondensed-Bold.ttf"), fontWeight: "bold" },
  ],
});
Font.registerHyphenationCallback((word) => [word]);

function build(node) {
  if (typeof node === "string") return node;
  const props = { ...node.props };
  if (props.render === PAGE_NUMBERS_MARKER) props.render = pageNumbers;
  return createElement(node.type, props, ...node.children.map(build));
}

parentPort.on("message", async ({ id, tree }) => {
  try {
    const bytes = await renderToBuffer(build(tree));
    const copy = new Uint8Array(bytes.byteLength);
    copy.set(bytes);
    parentPort.postMessage({ id, ok: true, bytes: copy }, [copy.buffer]);
  } catch (error) {
    parentPort.postMessage({ id, ok: false, message: error instanceof Error ? error.stack ?? error.message : String(error) });
  }
});
