/// The files only `postmortem serve` answers, under `/__postmortem/`: never part of a built
/// site. The reload script listens to the server-sent events and reloads the page on a rebuild;
/// the banner's style sheet styles the diagnostics of a failed rebuild (the pages' CSP allows
/// only style sheets of the site's own origin, so the banner cannot carry a `style` attribute).
public enum ServeAssets {
    /// Where the server-sent events stream is served.
    public static let eventsPath = "/__postmortem/events"
    /// Where the reload script is served.
    public static let reloadScriptPath = "/__postmortem/reload.js"
    /// Where the banner's style sheet is served.
    public static let bannerStylePath = "/__postmortem/banner.css"

    /// The reload script. On a `reload` event the page reloads; on connecting, the server sends
    /// the number of its current build (`hello`), so a page whose connection dropped during a
    /// rebuild reloads once it reconnects to a newer build.
    public static let reloadScript = """
        // Served by `postmortem serve` only: reloads the page when the site was rebuilt.
        (function () {
          "use strict";
          var seen = null;
          var events = new EventSource("\(eventsPath)");
          events.addEventListener("hello", function (event) {
            if (seen !== null && seen !== event.data) { location.reload(); }
            seen = event.data;
          });
          events.addEventListener("reload", function () { location.reload(); });
        })();

        """

    /// The style of the banner that lists the diagnostics of a failed rebuild.
    public static let bannerStyle = """
        .postmortem-serve-banner { margin: 0; padding: 0.75rem 1rem; background: #fde8e8; color: #611a15;
          border-bottom: 2px solid #b42318; font: 0.9rem/1.4 system-ui, sans-serif; }
        .postmortem-serve-banner p { margin: 0 0 0.4rem; font-weight: 600; }
        .postmortem-serve-banner ul { margin: 0; padding-left: 1.2rem; }
        .postmortem-serve-banner code { white-space: pre-wrap; word-break: break-word; }

        """
}
