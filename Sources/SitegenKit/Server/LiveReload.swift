/// What `sitegen serve` tells open pages over server-sent events, and the script that listens.
/// Nothing here is ever written into the output folder: the server adds the script to the HTML
/// it sends, and `build` never sees it.
public enum LiveReload {
  /// The event stream's address.
  public static let eventsPath = "/__sitegen/events"
  /// The listening script's address.
  public static let scriptPath = "/__sitegen/reload.js"

  /// One message on the event stream.
  public enum Event: Sendable, Hashable {
    /// Sent first on every connection: a page that sees another server id (the server was
    /// restarted on a new binary) reloads.
    case hello(server: String)
    /// These output files changed (site-relative: `articles/x/index.html`, `assets/site.css`).
    case reload(files: [String])
    /// The errors that keep the last build from being served; empty clears the overlay.
    case diagnostics([Diagnostic])
  }

  /// The event in the `text/event-stream` format, ending with its blank line.
  public static func encode(_ event: Event) -> String {
    switch event {
    case .hello(let server):
      // `retry`: how soon a page reconnects after the server restarts on a new binary.
      return "retry: 300\nevent: hello\ndata: {\"server\":\(JSON.string(server))}\n\n"
    case .reload(let files):
      return
        "event: reload\ndata: {\"files\":[\(files.map(JSON.string).joined(separator: ","))]}\n\n"
    case .diagnostics(let list):
      let items = list.map { d in
        var fields = [
          "\"severity\":\(JSON.string(d.severity.rawValue))", "\"id\":\(JSON.string(d.id))",
          "\"message\":\(JSON.string(d.message))",
          "\"text\":\(JSON.string(DiagnosticFormat.text.format(d)))",
        ]
        if let l = d.location {
          fields += [
            "\"file\":\(JSON.string(l.path))", "\"line\":\(l.line)", "\"column\":\(l.column)",
          ]
        }
        return "{" + fields.joined(separator: ",") + "}"
      }
      return "event: diagnostics\ndata: {\"diagnostics\":[\(items.joined(separator: ","))]}\n\n"
    }
  }

  /// A comment line: keeps idle connections open through proxies and finds closed ones.
  public static let heartbeat = ": ping\n\n"

  /// `html` with the reload script added before its last `</body>` (or at the end).
  /// `page` is the output file served, so the script knows when a change concerns it.
  public static func inject(into html: [UInt8], page: String) -> [UInt8] {
    let tag = Array(
      "<script src=\"\(scriptPath)\" data-page=\"\(HTML.escape(page))\" data-events=\"\(eventsPath)\"></script>\n"
        .utf8)
    guard let at = lastBodyClose(in: html) else { return html + tag }
    return Array(html[..<at]) + tag + html[at...]
  }

  /// Where the last `</body` starts, ASCII case-insensitively.
  static func lastBodyClose(in html: [UInt8]) -> Int? {
    let needle = Array("</body".utf8)
    guard html.count >= needle.count else { return nil }
    var i = html.count - needle.count
    while i >= 0 {
      var matches = true
      for j in 0..<needle.count where html[i + j] | 0x20 != needle[j] | 0x20 {
        matches = false
        break
      }
      if matches { return i }
      i -= 1
    }
    return nil
  }

  /// The script the server sends at `scriptPath`. It reloads the page when its own file or a
  /// script changed, swaps style sheets in place when only CSS changed, and shows the errors of
  /// a failed build in a fixed overlay (built with `textContent`: messages are never markup).
  public static let script = #"""
    // sitegen serve: live reload and the build-error overlay. Served only by `sitegen serve`.
    (() => {
      "use strict";
      const me = document.currentScript;
      const page = (me && me.dataset.page) || "";
      let server = null;
      const events = new EventSource((me && me.dataset.events) || "/__sitegen/events");
      events.addEventListener("hello", (e) => {
        const id = JSON.parse(e.data).server;
        if (server !== null && server !== id) location.reload();
        server = id;
      });
      events.addEventListener("reload", (e) => {
        const files = JSON.parse(e.data).files;
        const scripts = files.some((f) => f.startsWith("assets/") && f.endsWith(".js"));
        if (scripts || files.includes(page)) { location.reload(); return; }
        const sheets = files.filter((f) => f.endsWith(".css"));
        for (const link of document.querySelectorAll('link[rel="stylesheet"]')) {
          const url = new URL(link.href, location.href);
          if (!sheets.some((f) => url.pathname.endsWith("/" + f))) continue;
          url.searchParams.set("sitegen-reload", String(Date.now()));
          link.href = url.href;
        }
      });
      events.addEventListener("diagnostics", (e) => {
        const list = JSON.parse(e.data).diagnostics;
        let box = document.getElementById("sitegen-overlay");
        if (list.length === 0) { if (box) box.remove(); return; }
        if (!box) {
          box = document.createElement("div");
          box.id = "sitegen-overlay";
          box.setAttribute("role", "alert");
          box.style.cssText = "position:fixed;inset:auto 0 0 0;max-height:60vh;overflow:auto;" +
            "z-index:2147483647;margin:0;padding:1rem 1.25rem;background:#1d1f21;color:#f8f8f2;" +
            "border-top:4px solid #e5534b;font:13px/1.5 ui-monospace,SFMono-Regular,Menlo,monospace;" +
            "box-shadow:0 -4px 16px rgba(0,0,0,.4);text-align:left";
          document.body.appendChild(box);
        }
        const title = document.createElement("strong");
        title.style.cssText = "color:#fff;font:inherit;font-weight:700";
        title.textContent = "sitegen: the last change does not build (" + list.length +
          (list.length === 1 ? " problem" : " problems") + "); this is the last good build.";
        const pre = document.createElement("pre");
        // Explicit colours and box: the site's own CSS for <pre> must not hide the errors.
        pre.style.cssText = "margin:.5rem 0 0;padding:0;border:0;background:none;" +
          "color:#ffd7d4;white-space:pre-wrap;font:inherit;overflow:visible";
        pre.textContent = list.map((d) => d.text).join("\n");
        box.replaceChildren(title, pre);
      });
    })();

    """#
}
