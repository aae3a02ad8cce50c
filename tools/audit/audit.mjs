#!/usr/bin/env node
// Audits public pages of a running portal for accessibility and HTML validity.
//
//   node audit.mjs BASE_URL PATH [PATH ...]
//
// A PATH ending in "#submit" is audited after its page's main form is sent as it stands: the
// answering page with its messages, for instance. A PATH written "USER@/path/" is audited logged
// in as USER (with the password in AUDIT_PASSWORD, by default the demo's): the back office.
//
// For every path and every width (375 and 1280 px by default) the page is loaded in Debian's
// headless Chromium, axe-core runs with the WCAG 2.1 A/AA rules, and a full-page screenshot is
// taken. Then every form control's boundary and focus ring are measured against their background
// (WCAG 2.1 SC 1.4.11, which axe does not check; see controls.mjs). The HTML exactly as the server
// sent it is saved and checked by the Nu HTML Checker (vnu.jar, errors only). Exits 1 when any
// page has a serious or critical axe violation, a control below 3:1, a vnu error, or did not load;
// 2 on wrong usage.
//
// Environment: AUDIT_OUT (output folder, default <repo>/tmp/audit), AUDIT_WIDTHS (default
// "375,1280"), AUDIT_PASSWORD (default "demo-ivanovo"), AUDIT_TOTP_KEY (the base32 key of the
// second factor of the user logged in, as `make run` prints it; without it USER@ pages are the
// code step), CHROMIUM (default /usr/bin/chromium),
// JAVA (default java).

import { spawnSync } from "node:child_process";
import { createHmac } from "node:crypto";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { chromium } from "playwright-core";

import { measureControls, MINIMUM_RATIO } from "./controls.mjs";

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, "..", "..");

const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
const BLOCKING_IMPACTS = new Set(["serious", "critical"]);
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

function usage(message) {
  if (message) console.error(`audit: ${message}`);
  console.error("usage: node audit.mjs BASE_URL PATH [PATH ...]   e.g. http://127.0.0.1:8765 / /en/");
  process.exit(2);
}

function slugFor(pagePath) {
  const slug = pagePath
    .replace(/^\/+|\/+$/g, "")
    .replace(/[^A-Za-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return slug || "home";
}

function parseWidths(text) {
  const widths = text.split(",").map((w) => Number.parseInt(w.trim(), 10));
  if (widths.some((w) => !Number.isInteger(w) || w < 200 || w > 4000)) {
    usage(`bad AUDIT_WIDTHS: ${text}`);
  }
  return widths;
}

function describeNode(node) {
  const target = node.target.map((t) => (Array.isArray(t) ? t.join(" >>> ") : t)).join(" ");
  const summary = (node.failureSummary || "").split("\n").slice(1, 2).join(" ").trim();
  return summary ? `${target} — ${summary}` : target;
}

// "USER@/path/" -> the user to log in as (or null) and the path.
function splitUser(pagePath) {
  const match = /^([\w.-]+)@(\/.*)$/.exec(pagePath);
  return match ? { user: match[1], address: match[2] } : { user: null, address: pagePath };
}

// The current code of a base32 TOTP key (RFC 6238: HMAC-SHA-1, 6 digits, 30 s), as
// `oathtool --totp -b KEY` gives it: the second factor of the user audited.
function totp(base32Key) {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  const bits = [...base32Key.replace(/[\s=]/g, "").toUpperCase()]
    .map((char) => alphabet.indexOf(char).toString(2).padStart(5, "0"))
    .join("");
  const key = Buffer.from(bits.match(/.{8}/g).map((byte) => parseInt(byte, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(Date.now() / 30_000)));
  const mac = createHmac("sha1", key).update(counter).digest();
  const code = (mac.readUInt32BE(mac[mac.length - 1] & 0xf) & 0x7fffffff) % 1_000_000;
  return String(code).padStart(6, "0");
}

// A browser context per user: anonymous, or logged in through the portal's login form.
async function contextFor(browser, contexts, baseUrl, user) {
  if (contexts.has(user)) return contexts.get(user);
  const context = await browser.newContext({ locale: "bg-BG", reducedMotion: "reduce" });
  contexts.set(user, context);
  if (user) {
    const page = await context.newPage();
    await page.goto(new URL("/accounts/login/", baseUrl).href, { waitUntil: "load", timeout: 30_000 });
    await page.fill("input[name=username]", user);
    await page.fill("input[name=password]", process.env.AUDIT_PASSWORD || "demo-ivanovo");
    await Promise.all([
      page.waitForNavigation({ waitUntil: "load", timeout: 30_000 }),
      page.click("main form [type=submit]"),
    ]);
    // Without a key the user stays at the code step: their pages are audited as that step.
    const key = process.env.AUDIT_TOTP_KEY;
    if (key && new URL(page.url()).pathname.includes("/second-factor/")) {
      await page.fill("input[name=code]", totp(key));
      await Promise.all([
        page.waitForNavigation({ waitUntil: "load", timeout: 30_000 }),
        page.click("main form [type=submit]"),
      ]);
    }
    const stillThere = new URL(page.url()).pathname.endsWith("/accounts/login/");
    await page.close();
    if (stillThere) throw new Error(`could not log in as ${user} (wrong AUDIT_PASSWORD?)`);
  }
  return context;
}

async function auditPage(context, axeSource, baseUrl, pagePath, width, dirs) {
  const page = await context.newPage();
  await page.setViewportSize({ width, height: 900 });
  const consoleErrors = [];
  // "PATH#submit": the page after sending its main form as it stands (empty, for the messages).
  const [address, action] = splitUser(pagePath).address.split("#");
  const url = new URL(address, baseUrl).href;
  // Console errors (CSP refusals among them) and failed sub-resources, reported beside the page.
  page.on("console", (msg) => {
    if (msg.type() === "error" && !msg.text().startsWith("Failed to load resource")) {
      consoleErrors.push(msg.text());
    }
  });
  page.on("pageerror", (error) => consoleErrors.push(`uncaught: ${error.message}`));
  page.on("response", (response) => {
    if (response.status() >= 400 && response.url() !== url) {
      consoleErrors.push(`HTTP ${response.status()} for ${response.url()}`);
    }
  });
  page.on("requestfailed", (request) => {
    consoleErrors.push(`request failed: ${request.url()} (${request.failure()?.errorText})`);
  });

  const result = {
    path: pagePath,
    width,
    url,
    status: null,
    violations: [],
    controls: [],
    console: consoleErrors,
  };
  try {
    let response = await page.goto(url, { waitUntil: "load", timeout: 30_000 });
    if (action === "submit") {
      [response] = await Promise.all([
        page.waitForNavigation({ waitUntil: "load", timeout: 30_000 }),
        page.click("main form [type=submit]"),
      ]);
    }
    result.status = response ? response.status() : null;
    result.html = response ? await response.text() : await page.content();
    await page.waitForLoadState("networkidle", { timeout: 5_000 }).catch(() => {});
    // Evaluated through the DevTools protocol, so the page's CSP (no inline script) still holds
    // for the page itself while axe runs.
    await page.evaluate(axeSource);
    const axeResults = await page.evaluate(
      (tags) =>
        window.axe.run(document, {
          runOnly: { type: "tag", values: tags },
          resultTypes: ["violations"],
        }),
      AXE_TAGS,
    );
    result.violations = axeResults.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      helpUrl: v.helpUrl,
      nodes: v.nodes.map(describeNode),
    }));
    result.screenshot = path.join(dirs.screens, `${slugFor(pagePath)}-${width}.png`);
    await page.screenshot({ path: result.screenshot, fullPage: true });
    // A real key press first: focusing by script then shows the keyboard's focus ring.
    await page.keyboard.press("Tab");
    result.controls = await page.evaluate(measureControls, MINIMUM_RATIO);
  } catch (error) {
    result.error = String(error && error.message ? error.message : error).split("\n")[0];
  } finally {
    await page.close();
  }
  return result;
}

function runVnu(files) {
  if (files.length === 0) return { messages: [], error: null };
  const jar = path.join(path.dirname(require.resolve("vnu-jar/package.json")), "build", "dist", "vnu.jar");
  const java = process.env.JAVA || "java";
  const run = spawnSync(java, ["-jar", jar, "--errors-only", "--format", "json", ...files], {
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.error) return { messages: [], error: `could not run ${java}: ${run.error.message}` };
  // vnu writes its JSON report on stderr and exits 1 when it found errors.
  const text = (run.stderr || run.stdout || "").trim();
  try {
    return { messages: JSON.parse(text).messages || [], error: null };
  } catch {
    return { messages: [], error: `vnu said something that is not JSON (exit ${run.status}): ${text.slice(0, 500)}` };
  }
}

async function main() {
  const [baseArg, ...paths] = process.argv.slice(2);
  if (!baseArg || paths.length === 0) usage();
  let baseUrl;
  try {
    baseUrl = new URL(baseArg).href;
  } catch {
    usage(`not a URL: ${baseArg}`);
  }
  const widths = parseWidths(process.env.AUDIT_WIDTHS || "375,1280");
  const outDir = path.resolve(process.env.AUDIT_OUT || path.join(repoRoot, "tmp", "audit"));
  const dirs = { screens: path.join(outDir, "screens"), html: path.join(outDir, "html") };
  rmSync(dirs.screens, { recursive: true, force: true });
  rmSync(dirs.html, { recursive: true, force: true });
  mkdirSync(dirs.screens, { recursive: true });
  mkdirSync(dirs.html, { recursive: true });

  const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: CHROMIUM_ARGS,
    headless: true,
  });
  const contexts = new Map(); // user (null: anonymous) -> browser context

  const results = [];
  const htmlFiles = new Map(); // file -> page path
  try {
    for (const pagePath of paths) {
      let context;
      try {
        context = await contextFor(browser, contexts, baseUrl, splitUser(pagePath).user);
      } catch (error) {
        const result = { path: pagePath, width: null, status: null, violations: [], controls: [], console: [] };
        result.error = String(error.message || error);
        results.push(result);
        printPageResult(result);
        continue;
      }
      for (const width of widths) {
        const result = await auditPage(context, axeSource, baseUrl, pagePath, width, dirs);
        if (result.html !== undefined && width === widths[0]) {
          const file = path.join(dirs.html, `${slugFor(pagePath)}.html`);
          writeFileSync(file, result.html);
          htmlFiles.set(file, pagePath);
        }
        delete result.html;
        results.push(result);
        printPageResult(result);
      }
    }
  } finally {
    for (const context of contexts.values()) await context.close();
    await browser.close();
  }

  console.log(`\n== Nu HTML Checker: ${htmlFiles.size} page(s)`);
  const vnu = runVnu([...htmlFiles.keys()]);
  const pagePathOf = (url) => {
    if (!url || !url.startsWith("file:")) return url;
    return htmlFiles.get(path.resolve(fileURLToPath(url.replace(/^file:\/*/, "file:///")))) || url;
  };
  const vnuErrors = vnu.messages
    .filter((m) => m.type === "error" || m.type === "non-document-error")
    .map((m) => ({
      path: pagePathOf(m.url),
      line: m.lastLine,
      column: m.lastColumn,
      message: m.message,
      extract: m.extract,
    }));
  if (vnu.error) console.log(`  FAIL ${vnu.error}`);
  for (const e of vnuErrors) {
    console.log(`  ERROR ${e.path}:${e.line ?? "?"}:${e.column ?? "?"} ${e.message}`);
    if (e.extract) console.log(`        ${e.extract.replace(/\s+/g, " ").trim().slice(0, 160)}`);
  }
  if (!vnu.error && vnuErrors.length === 0) console.log("  no errors");

  const blocking = results.flatMap((r) =>
    r.violations.filter((v) => BLOCKING_IMPACTS.has(v.impact)).map((v) => ({ ...v, path: r.path, width: r.width })),
  );
  const broken = results.filter((r) => r.error || r.status === null || r.status >= 400);
  const faintControls = results.flatMap((r) =>
    r.controls.filter((c) => c.problems.length).map((c) => ({ ...c, path: r.path, width: r.width })),
  );
  const report = {
    baseUrl,
    widths,
    tags: AXE_TAGS,
    pages: results,
    vnu: { errors: vnuErrors, failure: vnu.error },
    summary: {
      pagesLoaded: results.length - broken.length,
      pagesBroken: broken.length,
      axeBlocking: blocking.length,
      axeOther: results.reduce((n, r) => n + r.violations.length, 0) - blocking.length,
      controlsMeasured: results.reduce((n, r) => n + r.controls.length, 0),
      controlsBelow3to1: faintControls.length,
      vnuErrors: vnuErrors.length,
    },
  };
  writeFileSync(path.join(outDir, "report.json"), `${JSON.stringify(report, null, 2)}\n`);

  const s = report.summary;
  console.log(
    `\n== Summary: ${results.length} page loads (${s.pagesBroken} broken), ` +
      `${s.axeBlocking} serious/critical axe violation(s), ${s.axeOther} minor/moderate, ` +
      `${s.controlsBelow3to1} of ${s.controlsMeasured} form control(s) below ${MINIMUM_RATIO}:1, ` +
      `${s.vnuErrors} vnu error(s)`,
  );
  console.log(`   report: ${path.join(outDir, "report.json")}   screenshots: ${dirs.screens}`);
  const failed =
    s.pagesBroken > 0 || s.axeBlocking > 0 || s.controlsBelow3to1 > 0 || s.vnuErrors > 0 || vnu.error;
  console.log(failed ? "AUDIT FAILED" : "AUDIT PASSED");
  process.exit(failed ? 1 : 0);
}

function printPageResult(r) {
  const head = r.width ? `== ${r.path} @ ${r.width}px` : `== ${r.path}`;
  if (r.error) {
    console.log(`${head}: FAIL could not audit: ${r.error}`);
    return;
  }
  const statusNote = r.status >= 400 ? ` FAIL HTTP ${r.status}` : ` HTTP ${r.status}`;
  console.log(`${head}:${statusNote}, ${r.violations.length} axe violation(s)`);
  for (const v of r.violations) {
    const mark = BLOCKING_IMPACTS.has(v.impact) ? "FAIL" : "note";
    console.log(`  ${mark} [${v.impact}] ${v.id}: ${v.help} (${v.nodes.length} node(s))`);
    for (const node of v.nodes.slice(0, 3)) console.log(`        ${node.slice(0, 200)}`);
    if (v.nodes.length > 3) console.log(`        … and ${v.nodes.length - 3} more`);
  }
  const faint = r.controls.filter((c) => c.problems.length);
  if (r.controls.length) {
    const verdict = faint.length ? `FAIL ${faint.length} below ${MINIMUM_RATIO}:1` : `all at least ${MINIMUM_RATIO}:1`;
    console.log(`  controls: ${r.controls.length} measured, ${verdict}`);
  }
  for (const control of faint.slice(0, 5)) console.log(`        ${control.control}: ${control.problems.join("; ")}`);
  if (faint.length > 5) console.log(`        … and ${faint.length - 5} more`);
  for (const message of r.console.slice(0, 5)) console.log(`  browser: ${message.slice(0, 200)}`);
}

main().catch((error) => {
  console.error(`audit: ${error && error.stack ? error.stack : error}`);
  process.exit(1);
});
