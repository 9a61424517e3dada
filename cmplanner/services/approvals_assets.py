"""The approval pack's style sheet and script, inlined into every pack (no network).

The cards follow the composer's preview widget (``ui/preview_widget.py``): 36 px
avatar in the brand's colour, bold name over a grey handle, the network's round badge at
the right, text with the network's link colour, images in the network's grid with
rounded corners, "ALT" and "+N" badges, a thread connector and "Posted as a thread of N".
"""

from __future__ import annotations

CSS = """
:root { --ink:#1f2328; --muted:#656d76; --line:#d0d7de; --soft:#f6f8fa; --brand:#4a7bd0;
  --ok:#1a7f37; --warn:#bc4c00; }
* { box-sizing: border-box; }
body { margin:0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", "Noto Sans", "DejaVu Sans",
  sans-serif; color: var(--ink); background: #eef1f4; }
header.pack { background: var(--brand); color: var(--brand-ink, #fff); padding: 18px 28px; }
header.pack h1 { margin: 0; font-size: 24px; }
header.pack p { margin: 4px 0 0; opacity: .92; }
main { max-width: 1180px; margin: 0 auto; padding: 16px 24px 120px; }
.intro { background:#fff; border:1px solid var(--line); border-radius:8px; padding:12px 16px; }
.intro p { margin: 4px 0; }
.intro label { font-weight: 600; }
.intro input[type=text] { font: inherit; padding: 5px 8px; width: 260px;
  border:1px solid var(--line);
  border-radius: 6px; margin-left: 6px; }
.zone { color: var(--muted); }
h2.day { font-size: 16px; margin: 26px 0 8px; padding-bottom: 4px;
  border-bottom: 2px solid var(--line); }
section.post { background:#fff; border:1px solid var(--line); border-radius:10px; padding:14px 16px;
  margin: 10px 0 16px; }
section.post.approved { border-color: var(--ok); box-shadow: inset 4px 0 0 var(--ok); }
section.post.changes_requested { border-color: var(--warn); box-shadow: inset 4px 0 0 var(--warn); }
.when { display:flex; gap: 10px; align-items: baseline; flex-wrap: wrap; margin-bottom: 10px; }
.when .time { font-size: 18px; font-weight: 700; }
.when .tz, .when .state { color: var(--muted); font-size: 12px; }
.when .state { border:1px solid var(--line); border-radius: 10px; padding: 0 8px; }
.cards { display:flex; flex-wrap: wrap; gap: 14px; align-items: flex-start; }
.card { width: 340px; background:#fff; border:1px solid var(--line); border-radius: 6px;
  padding: 12px;
  display:flex; flex-direction: column; gap: 8px; }
.card .head { display:flex; gap: 8px; align-items: flex-start; }
.avatar { width:36px; height:36px; border-radius:50%; color:#fff; font-weight:700; flex: none;
  display:flex; align-items:center; justify-content:center; font-size: 17px; }
.names { flex: 1; min-width: 0; line-height: 1.25; }
.names b { display:block; overflow:hidden; text-overflow: ellipsis; white-space: nowrap; }
.names span { color: var(--muted); }
.net { width:18px; height:18px; border-radius:50%; color:#fff; font: 700 8px/18px sans-serif;
  text-align:center; flex:none; }
.net.long { font-size: 7px; }
.netname { color: var(--muted); font-size: 11px; }
details.cw { border:1px solid var(--line); border-radius: 4px; padding: 4px 8px; }
details.cw summary { cursor: pointer; list-style: none; display:flex;
  justify-content: space-between; }
details.cw summary::after { content: "Show more"; color: var(--muted); font-size: 12px; }
details.cw[open] summary::after { content: "Show less"; }
.body { display:flex; flex-direction: column; gap: 8px; }
.part { display:flex; gap: 8px; }
.gutter { width:36px; flex:none; position: relative; }
.gutter.connects::after { content:""; position:absolute; left:17px; top:2px; bottom:-8px; width:2px;
  border-radius:1px; background: var(--line); }
.text { white-space: pre-wrap; overflow-wrap: anywhere; flex: 1; min-width: 0; }
.fold { color: gray; }
.tiles { position: relative; width: 100%; margin: 0 auto; }
.tile { position:absolute; border-radius: 8px; overflow:hidden;
  background: #8c959f center / cover no-repeat; }
.tile.video { background:#24292f; color:#fff; display:flex; align-items:center;
  justify-content:center;
  font-size: 13px; }
.badge { position:absolute; background: rgba(0,0,0,.67); color:#fff; font: 700 11px/18px sans-serif;
  padding: 0 5px; border-radius: 4px; }
.badge.alt { left: 6px; bottom: 6px; }
.badge.count { right: 6px; top: 6px; }
.more { position:absolute; inset:0; background: rgba(0,0,0,.47); color:#fff; font-weight:700;
  display:flex; align-items:center; justify-content:center; font-size: 22px; }
.dots { position:absolute; bottom: 7px; left:0; right:0; text-align:center; line-height: 5px; }
.dots i { display:inline-block; width:5px; height:5px; border-radius:50%; margin: 0 1.5px;
  background: rgba(255,255,255,.47); }
.dots i:first-child { background: rgba(255,255,255,.9); }
.hint { color: var(--muted); font-size: 12px; }
.notarget { color: var(--muted); font-style: italic; }
fieldset.decide { border: 0; border-top: 1px dashed var(--line); margin: 14px 0 0;
  padding: 10px 0 0;
  display:flex; gap: 16px; flex-wrap: wrap; align-items: flex-start; }
fieldset.decide legend { font-weight: 600; padding: 0 6px 0 0; }
.choices { display:flex; flex-direction: column; gap: 6px; min-width: 190px; }
.choices label { display:flex; align-items:center; gap: 6px; padding: 4px 10px;
  border:1px solid var(--line);
  border-radius: 6px; cursor: pointer; }
.choices label.approve:has(input:checked) { background:#dafbe1; border-color: var(--ok); }
.choices label.changes:has(input:checked) { background:#fff1e5; border-color: var(--warn); }
fieldset.decide textarea { flex: 1; min-width: 260px; min-height: 64px; font: inherit;
  padding: 6px 8px;
  border: 1px solid var(--line); border-radius: 6px; resize: vertical; }
footer.save { position: fixed; left:0; right:0; bottom:0; background:#fff;
  border-top:1px solid var(--line);
  padding: 10px 24px; display:flex; gap: 16px; align-items:center; flex-wrap: wrap;
  box-shadow: 0 -2px 8px rgba(0,0,0,.06); }
footer.save button { font: 600 15px system-ui, sans-serif; padding: 8px 18px; border-radius: 6px;
  border: 1px solid #1a7f37; background: #1f883d; color: #fff; cursor: pointer; }
footer.save .links a { margin-right: 14px; }
footer.save .links[hidden] { display: none; }
.count-done { color: var(--muted); }
@media print { footer.save { display:none; } body { background:#fff;
  } section.post { break-inside: avoid; } }
"""

#: The page's script: keep every choice in the page's own HTML (attributes and the
#: decisions block), and on "Save my decisions" offer the decisions JSON and the page.
JS = r"""
(function () {
  "use strict";
  var pack = JSON.parse(document.getElementById("cmp-pack").textContent);
  var block = document.getElementById("cmp-decisions");
  var reviewer = document.getElementById("cmp-reviewer");
  var urls = [];

  function posts() { return Array.prototype.slice.call(document.querySelectorAll("section.post")); }

  function collect() {
    return {
      format: "cmplanner-approval-decisions",
      format_version: 1,
      pack_id: pack.pack_id,
      brand_id: pack.brand_id,
      brand: pack.brand,
      reviewer: reviewer.value.trim(),
      saved_at: new Date().toISOString(),
      decisions: posts().map(function (el) {
        var picked = el.querySelector("input[type=radio]:checked");
        return {
          post_id: Number(el.dataset.postId),
          version: Number(el.dataset.version),
          digest: el.dataset.digest,
          decision: picked ? picked.value : "",
          comment: el.querySelector("textarea").value,
          decided_at: el.dataset.decidedAt || null
        };
      })
    };
  }

  // Mirror the live values into attributes: a page saved by the browser keeps them.
  function mirror(target) {
    if (target && target.closest) {
      var post = target.closest("section.post");
      if (post) { post.dataset.decidedAt = new Date().toISOString(); }
    }
    reviewer.setAttribute("value", reviewer.value);
    var done = 0;
    posts().forEach(function (el) {
      var picked = null;
      el.querySelectorAll("input[type=radio]").forEach(function (r) {
        if (r.checked) { r.setAttribute("checked", ""); picked = r.value; }
        else { r.removeAttribute("checked"); }
      });
      var area = el.querySelector("textarea");
      area.textContent = area.value;
      el.classList.remove("approved", "changes_requested");
      if (picked) { el.classList.add(picked); done += 1; }
    });
    document.getElementById("cmp-done").textContent =
      done + " of " + posts().length + " post(s) decided";
    block.textContent = JSON.stringify(collect()).replace(/</g, "\\u003c");
  }

  function offer(link, data, type, name) {
    var url = URL.createObjectURL(new Blob([data], { type: type }));
    urls.push(url);
    link.href = url;
    link.download = name;
  }

  function save() {
    mirror(null);
    urls.forEach(function (u) { URL.revokeObjectURL(u); });
    urls = [];
    var stem = pack.file_stem;
    var links = document.getElementById("cmp-links");
    var jsonLink = document.getElementById("cmp-json-link");
    var htmlLink = document.getElementById("cmp-html-link");
    links.hidden = true;  // the saved page is the pack as the client left it, links hidden
    jsonLink.removeAttribute("href");
    htmlLink.removeAttribute("href");
    var page = "<!DOCTYPE html>\n" + document.documentElement.outerHTML;
    offer(htmlLink, page, "text/html", stem + "-decided.html");
    offer(jsonLink, JSON.stringify(collect(), null, 2), "application/json",
          stem + "-decisions.json");
    links.hidden = false;
    jsonLink.click();
  }

  document.addEventListener("input", function (e) { mirror(e.target); });
  document.addEventListener("change", function (e) { mirror(e.target); });
  document.getElementById("cmp-save").addEventListener("click", save);
  mirror(null);
})();
"""
