import { describe, expect, it } from "vitest";
import { escapeHtml } from "../../src/core/site/html.ts";

describe("escapeHtml", () => {
  it.each([
    ["<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"],
    ['"><img src=x onerror=alert(1)>', "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"],
    ["' onmouseover='x", "&#39; onmouseover=&#39;x"],
    ["a & b &amp;", "a &amp; b &amp;amp;"],
    ["`x`", "&#96;x&#96;"],
    ["Dinas\u202Esekolah\u202C", "Dinas\\u202esekolah\\u202c"],
    ["kiri\u2066kanan\u2069", "kiri\\u2066kanan\\u2069"],
    ["baris\nbaru\u2028", "baris\\u000abaru\\u2028"],
    ["Dinas Kesehatan Kabupaten Kudus", "Dinas Kesehatan Kabupaten Kudus"],
  ])("%j → %j", (input, output) => {
    expect(escapeHtml(input)).toBe(output);
  });

  it("leaves no character that can open a tag, end an attribute or reorder text", () => {
    const hostile = `<>"'\`&\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u0000\u001b\r\n`;
    // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the purpose.
    expect(escapeHtml(hostile)).not.toMatch(/[<>"'`\u0000-\u001f\u202a-\u202e\u2066-\u2069]/);
    expect(escapeHtml(hostile).replace(/&(amp|lt|gt|quot|#39|#96);/g, "")).not.toContain("&");
  });
});
