// WCAG 2.1 SC 1.4.11 (non-text contrast) for form controls, which axe-core does not check: the
// boundary of every visible, enabled control, and its focus indicator, must contrast at least 3:1
// with what surrounds it.
//
// `measureControls` runs inside the page (Playwright serialises it: it must use nothing from this
// module). Call it after a real key press, so that focusing by script shows the keyboard focus
// ring (:focus-visible) as a keyboard user would see it.

export const MINIMUM_RATIO = 3;

export function measureControls(minimum) {
  const CONTROLS = [
    "input:not([type=hidden])",
    "select",
    "textarea",
    "button",
    "[role=button]",
    "a.btn",
  ].join(",");
  // Buttons: people find them by their words. Only a button whose words do not stand out from the
  // page by themselves (white on a blue fill) needs its fill or border to.
  const BUTTONS = "button, input[type=submit], input[type=button], input[type=reset], [role=button], a.btn";

  function parse(color) {
    const match = /rgba?\(([^)]+)\)/.exec(color || "");
    if (!match) return null;
    const [r, g, b, a = "1"] = match[1].split(/[,/ ]+/).filter(Boolean);
    return { r: Number(r), g: Number(g), b: Number(b), a: Number(a) };
  }
  function over(top, bottom) {
    const a = top.a + bottom.a * (1 - top.a);
    if (a === 0) return { r: 0, g: 0, b: 0, a: 0 };
    const mix = (t, b) => (t * top.a + b * bottom.a * (1 - top.a)) / a;
    return { r: mix(top.r, bottom.r), g: mix(top.g, bottom.g), b: mix(top.b, bottom.b), a };
  }
  function luminance({ r, g, b }) {
    const channel = (v) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
  }
  function ratio(one, two) {
    const [light, dark] = [luminance(one), luminance(two)].sort((x, y) => y - x);
    return (light + 0.05) / (dark + 0.05);
  }
  function hex({ r, g, b }) {
    return `#${[r, g, b].map((v) => Math.round(v).toString(16).padStart(2, "0")).join("")}`;
  }
  // What a control stands on: the backgrounds of its ancestors, composited over white.
  function surroundings(element) {
    const layers = [];
    for (let node = element.parentElement; node; node = node.parentElement) {
      const color = parse(getComputedStyle(node).backgroundColor);
      if (color && color.a > 0) layers.push(color);
      if (color && color.a === 1) break;
    }
    return layers.reverse().reduce((below, layer) => over(layer, below), { r: 255, g: 255, b: 255, a: 1 });
  }
  function borderColors(style, behind) {
    return ["Top", "Right", "Bottom", "Left"]
      .filter((side) => style[`border${side}Style`] !== "none" && parseFloat(style[`border${side}Width`]) > 0)
      .map((side) => parse(style[`border${side}Color`]))
      .filter((color) => color && color.a > 0)
      .map((color) => over(color, behind));
  }
  // The control's own fill, when it has one: a filled button's boundary is its fill.
  function fillColor(style, behind) {
    const fill = parse(style.backgroundColor);
    return fill && fill.a > 0 ? over(fill, behind) : null;
  }
  function describe(element) {
    if (element.id) return `#${element.id}`;
    const name = element.getAttribute("name");
    const tag = element.tagName.toLowerCase();
    const type = element.getAttribute("type");
    const label = (element.labels && element.labels[0] ? element.labels[0].textContent : element.textContent || "")
      .trim()
      .replace(/\s+/g, " ")
      .slice(0, 40);
    return `${tag}${type ? `[type=${type}]` : ""}${name ? `[name=${name}]` : ""}${label ? ` “${label}”` : ""}`;
  }
  function visible(element) {
    const box = element.getBoundingClientRect();
    const style = getComputedStyle(element);
    return box.width > 0 && box.height > 0 && style.visibility !== "hidden" && style.opacity !== "0";
  }
  function best(colors, behind) {
    let top = null;
    for (const color of colors) {
      const value = ratio(color, behind);
      if (!top || value > top.ratio) top = { ratio: value, color: hex(color) };
    }
    return top;
  }
  // The focus indicator: the outline and box-shadow rings that focusing draws around the control.
  function focusRings(style, behind) {
    const rings = [];
    if (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 1) {
      const color = parse(style.outlineColor);
      if (color && color.a > 0) rings.push({ color: over(color, behind), width: parseFloat(style.outlineWidth) });
    }
    for (const shadow of style.boxShadow === "none" ? [] : style.boxShadow.split(/,(?![^(]*\))/)) {
      const color = parse(shadow);
      const lengths = (shadow.replace(/rgba?\([^)]*\)/, "").match(/-?[\d.]+px/g) || []).map(parseFloat);
      const spread = lengths[3] || 0;
      if (color && color.a > 0 && spread > 0 && !/inset/.test(shadow)) {
        rings.push({ color: over(color, behind), width: spread });
      }
    }
    return rings;
  }

  // Closed <details> (the results filter) hide controls that people open and use.
  for (const details of document.querySelectorAll("details:not([open])")) details.open = true;

  const results = [];
  for (const element of document.querySelectorAll(CONTROLS)) {
    if (element.disabled || element.closest("[inert], [aria-hidden=true]") || !visible(element)) continue;
    const behind = surroundings(element);
    const style = getComputedStyle(element);
    const native = ["checkbox", "radio"].includes(element.type) && style.appearance !== "none";
    const words = parse(style.color);
    const textOnly = element.matches(BUTTONS) && words && ratio(over(words, behind), behind) >= minimum;
    const boundary = best([...borderColors(style, behind), fillColor(style, behind)].filter(Boolean), behind);
    element.focus({ preventScroll: true });
    const focused = getComputedStyle(element);
    const rings = element.matches(":focus-visible") ? focusRings(focused, behind) : [];
    const ring = best(
      rings.filter((r) => r.width >= 2).map((r) => r.color),
      behind,
    );
    const offset = parseFloat(focused.outlineOffset) > 0 || rings.some((r) => r.width >= 4);
    element.blur();
    const problems = [];
    // Chromium's own check boxes and radios draw a #767676 boundary (4.5:1 on white).
    if (!native && !textOnly && (!boundary || boundary.ratio < minimum)) {
      problems.push(
        boundary
          ? `boundary ${boundary.color} is ${boundary.ratio.toFixed(2)}:1 on ${hex(behind)}`
          : `no boundary on ${hex(behind)}`,
      );
    }
    if (!ring || ring.ratio < minimum) {
      problems.push(
        ring ? `focus ring ${ring.color} is ${ring.ratio.toFixed(2)}:1 on ${hex(behind)}` : "no focus ring of 2px or more",
      );
    } else if (!offset) {
      problems.push("the focus ring sits on the boundary, without an offset");
    }
    results.push({
      control: describe(element),
      background: hex(behind),
      boundary: textOnly ? "text" : native ? "native" : boundary && `${boundary.color} ${boundary.ratio.toFixed(2)}:1`,
      focus: ring && `${ring.color} ${ring.ratio.toFixed(2)}:1`,
      problems,
    });
  }
  return results;
}
