/// What `serve` adds to pages, and only when serving: the live-reload script, and the list of
/// errors while the last edit broke the build. `build` output never contains any of it.
enum ServeOverlay {
    /// The version the page was served at travels with it, so a rebuild that finishes before the
    /// page connects for events still reloads it.
    static func scriptTag(version: Int) -> String {
        "<script src=\"\(DevServer.ownPath)live.js\" data-version=\"\(version)\" defer></script>"
    }
    static let styleTag = "<link rel=\"stylesheet\" href=\"\(DevServer.ownPath)serve.css\">"

    /// Reloads the page when the server's version changes (after each rebuild, good or bad).
    static let script = """
        // signpost serve: reload this page after each rebuild.
        (function () {
          "use strict";
          var script = document.currentScript;
          if (!window.EventSource || !script) { return; }
          var served = script.getAttribute("data-version");
          var source = new EventSource("\(DevServer.ownPath)events");
          source.onmessage = function (event) {
            if (event.data !== served) {
              source.close();
              window.location.reload();
            }
          };
        }());

        """

    static let styles = """
        .signpost-errors { background: #fff; color: #1b1b1b; border: 4px solid #b00020; margin: 0; padding: 1rem 1.5rem;
          font: 1rem/1.5 system-ui, sans-serif; }
        .signpost-errors h2 { margin: 0 0 0.5rem; font-size: 1.25rem; color: #b00020; }
        .signpost-errors ul { margin: 0.5rem 0 0; padding-left: 1.25rem; }
        .signpost-errors li { margin: 0.25rem 0; }
        .signpost-errors code { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 0.95em; }

        """

    static func overlay(_ errors: [Diagnostic]) -> String {
        let count = errors.count == 1 ? "1 error" : "\(errors.count) errors"
        var html = """
            <section class="signpost-errors" role="alert" aria-labelledby="signpost-errors-title">
            <h2 id="signpost-errors-title">The hub has \(count)</h2>
            <p>What follows is the last version that built. Fix the \(errors.count == 1 ? "error" : "errors") and save: this page updates by itself.</p>
            <ul>

            """
        for error in errors.prefix(50) {
            html += "<li><code>\(HTMLEscaping.escape(error.location.description))</code> \(HTMLEscaping.escape(error.severity.rawValue))[\(HTMLEscaping.escape(error.code))]: \(HTMLEscaping.escape(error.message))</li>\n"
        }
        if errors.count > 50 { html += "<li>and \(errors.count - 50) more: run <code>signpost check</code> to see them all.</li>\n" }
        return html + "</ul>\n</section>\n"
    }

    /// `page` with the reload script in its head and, while there are errors, the list of them
    /// first in its body.
    static func inject(into page: String, errors: [Diagnostic], version: Int) -> String {
        var page = page
        if let head = page.range(of: "</head>") {
            page.replaceSubrange(head, with: styleTag + "\n" + scriptTag(version: version) + "\n</head>")
        }
        if !errors.isEmpty, let body = page.range(of: "<body"), let end = page[body.upperBound...].firstIndex(of: ">") {
            page.insert(contentsOf: "\n" + overlay(errors), at: page.index(after: end))
        }
        return page
    }

    /// The whole page while no build has worked yet.
    static func errorPage(_ errors: [Diagnostic], version: Int) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>The hub has errors – signpost serve</title>
        \(styleTag)
        \(scriptTag(version: version))
        </head>
        <body>
        <main>
        \(overlay(errors))</main>
        </body>
        </html>

        """
    }
}
